package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.DoubleFFT_3D;

/**
 * The unitary discrete Fourier transform of functions on a {@link UniformGrid}, over all axes.
 * Port of regpy's {@code regpy.operators.FourierTransform} (numpy's {@code fftn} with
 * {@code norm='ortho'}), backed by JTransforms.
 *
 * <p>For a grid of shape {@code n₀ × … × n_{d−1}} with {@code N = Π nᵢ} entries:
 *
 * <pre>
 *   (F x)[k] = N^(−1/2) · Σⱼ x[j] · exp(−2πi Σᵢ jᵢkᵢ / nᵢ)
 * </pre>
 *
 * <p>Because of the factor {@code N^(−1/2)}, {@code F} is unitary: {@code F* = F⁻¹} and
 * {@code ‖F x‖ = ‖x‖} (Parseval). {@link #inverse()} is therefore the {@link #adjoint()}.
 *
 * <p><b>Centering.</b> With {@code centered = true} the zero frequency sits in the middle, as in
 * regpy's {@code FourierTransform(centered=True)}: {@code F_c = fftshift ∘ F ∘ ifftshift}, so
 * that a signal centred on the grid has a transform centred on the frequency grid. The codomain
 * is then a {@link UniformGrid} of the frequencies {@code kᵢ / (nᵢ hᵢ)} (spacing {@code hᵢ} of
 * axis {@code i}), increasing along every axis. Without centering, entries are in FFT order
 * ({@code 0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1}, numpy's {@code fftfreq}); the codomain is then a
 * plain complex {@code ArraySpace} of the grid's shape, since those frequencies are not
 * increasing. {@link #frequencies(int)} gives them in storage order either way.
 *
 * <p>The domain may be real or complex; the codomain is complex. For a real domain the adjoint
 * is the real part of the inverse transform, the adjoint for the real inner product.
 *
 * <p>Grids of one, two or three axes are supported. The operator holds no thread and no native
 * resource: the JTransforms plans are rebuilt on first use after deserialization, so it can be
 * sent to a child JVM.
 */
public final class FourierTransform extends Operator {

    private final int[] shape;
    private final boolean centered;
    private final double[] spacings;
    /** {@code 1/√N}, the unitary scaling. */
    private final double scale;

    /** Lazily built JTransforms plan; not serialized (rebuilt where it is used). */
    private transient Object plan;

    /**
     * @param domain a real or complex grid of 1 to 3 axes
     * @param centered whether to put the zero frequency in the middle (fftshift semantics)
     * @throws IllegalArgumentException if the grid has more than three axes
     */
    public FourierTransform(UniformGrid domain, boolean centered) {
        super(domain, codomainFor(domain, centered), true);
        this.shape = domain.shape();
        this.centered = centered;
        this.spacings = new double[shape.length];
        for (int i = 0; i < shape.length; i++) {
            spacings[i] = domain.spacing(i);
        }
        this.scale = 1.0 / Math.sqrt(domain.size());
    }

    /**
     * The uncentered transform (zero frequency at index 0).
     *
     * @param domain a real or complex grid of 1 to 3 axes
     */
    public FourierTransform(UniformGrid domain) {
        this(domain, false);
    }

    private static VectorSpace codomainFor(UniformGrid domain, boolean centered) {
        if (domain == null) {
            throw new IllegalArgumentException("the domain of a FourierTransform is null");
        }
        int ndim = domain.shape().length;
        if (ndim > 3) {
            throw new IllegalArgumentException("FourierTransform supports grids of 1 to 3 axes but " + domain
                    + " has " + ndim);
        }
        if (!centered) {
            return VectorSpace.complex(domain.shape());
        }
        UniformGrid.Axis[] axes = new UniformGrid.Axis[ndim];
        for (int i = 0; i < ndim; i++) {
            int n = domain.axis(i).count();
            axes[i] = UniformGrid.Axis.centered(n, 1.0 / (n * domain.spacing(i)));
        }
        return UniformGrid.complex(axes);
    }

    /** @return whether the zero frequency is in the middle of the codomain */
    public boolean isCentered() {
        return centered;
    }

    /** @return the inverse transform, which is the {@link #adjoint()} since {@code F} is unitary */
    public Operator inverse() {
        return adjoint();
    }

    /**
     * The frequencies along one axis, in the order the codomain stores them.
     *
     * @param axis an axis index
     * @return a fresh array of {@code nᵢ} frequencies {@code k / (nᵢ hᵢ)}: numpy's
     *     {@code fftfreq(nᵢ, hᵢ)}, or its {@code fftshift} when centered
     */
    public double[] frequencies(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " is outside 0.." + (shape.length - 1) + " of " + this);
        }
        int n = shape[axis];
        double df = 1.0 / (n * spacings[axis]);
        double[] f = new double[n];
        for (int j = 0; j < n; j++) {
            int k = centered ? j - n / 2 : (j < (n + 1) / 2 ? j : j - n);
            f[j] = k * df;
        }
        return f;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] a = domain().isComplex() ? x.clone() : toComplex(x);
        if (centered) {
            a = shift(a, false);
        }
        forward(a);
        multiply(a, scale);
        return centered ? shift(a, true) : a;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] a = centered ? shift(y, false) : y.clone();
        backward(a);
        multiply(a, scale);
        if (centered) {
            a = shift(a, true);
        }
        return domain().isComplex() ? a : realPart(a);
    }

    private void forward(double[] a) {
        Object p = plan();
        if (p instanceof DoubleFFT_1D f) {
            f.complexForward(a);
        } else if (p instanceof DoubleFFT_2D f) {
            f.complexForward(a);
        } else {
            ((DoubleFFT_3D) p).complexForward(a);
        }
    }

    private void backward(double[] a) {
        Object p = plan();
        if (p instanceof DoubleFFT_1D f) {
            f.complexInverse(a, false);
        } else if (p instanceof DoubleFFT_2D f) {
            f.complexInverse(a, false);
        } else {
            ((DoubleFFT_3D) p).complexInverse(a, false);
        }
    }

    private Object plan() {
        if (plan == null) {
            plan = switch (shape.length) {
                case 1 -> new DoubleFFT_1D(shape[0]);
                case 2 -> new DoubleFFT_2D(shape[0], shape[1]);
                default -> new DoubleFFT_3D(shape[0], shape[1], shape[2]);
            };
        }
        return plan;
    }

    /**
     * Cyclic shift of every axis by {@code ⌊n/2⌋} (fftshift) or {@code −⌊n/2⌋} (ifftshift), of an
     * interleaved complex array in row-major order. Returns a fresh array.
     */
    private double[] shift(double[] a, boolean fftshift) {
        double[] out = new double[a.length];
        int ndim = shape.length;
        int[] index = new int[ndim];
        int[] strides = new int[ndim];
        int stride = 1;
        for (int d = ndim - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        int entries = a.length / 2;
        for (int k = 0; k < entries; k++) {
            int target = 0;
            for (int d = 0; d < ndim; d++) {
                int n = shape[d];
                int s = fftshift ? n / 2 : n - n / 2;
                target += ((index[d] + s) % n) * strides[d];
            }
            out[2 * target] = a[2 * k];
            out[2 * target + 1] = a[2 * k + 1];
            // advance the multi-index in row-major order
            for (int d = ndim - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out;
    }

    private static void multiply(double[] a, double s) {
        for (int k = 0; k < a.length; k++) {
            a[k] *= s;
        }
    }

    private static double[] toComplex(double[] x) {
        double[] z = new double[2 * x.length];
        for (int k = 0; k < x.length; k++) {
            z[2 * k] = x[k];
        }
        return z;
    }

    private static double[] realPart(double[] z) {
        double[] x = new double[z.length / 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = z[2 * k];
        }
        return x;
    }

    /** @return e.g. {@code FourierTransform[UniformGrid[100x100, complex], centered]} */
    @Override
    public String toString() {
        return "FourierTransform[" + domain() + (centered ? ", centered" : "") + "]";
    }
}
