package io.github.regpy4j.operators.mri;

import io.github.regpy4j.operators.FourierTransform;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;

/**
 * The Sobolev smoother for coil sensitivity profiles: a Fourier multiplier that damps high
 * frequencies. Port of {@code sobolev_smoother} of regpy's MRI code (the variant with a
 * {@code factor}, as regpy's parallel MRI example uses it).
 *
 * <pre>
 *   S ĉ = F⁻¹( w · F ĉ ),      w(k) = (1 + s·|k̃|²)^(−l/2),      k̃ = k / (2·max|k|)
 * </pre>
 *
 * <p>{@code F} is the unitary {@link FourierTransform} (uncentered), {@code k} the frequency
 * vector of an entry and {@code max|k|} the largest absolute frequency over all axes, so
 * {@code k̃} does not depend on the grid spacing (on an even grid of {@code n} points
 * {@code k̃ = j/n} for the FFT index {@code j}); {@code l} is the Sobolev index and {@code s}
 * the factor.
 *
 * <p>Substituting {@code c = S ĉ} makes {@code ĉ} the unknown: a plain L² penalty on {@code ĉ} is
 * then a Sobolev-type penalty of order {@code l} on the coil profile {@code c}, which keeps coil
 * profiles smooth without the badly conditioned Sobolev Gram matrix. regpy takes the Fourier
 * coefficients {@code F ĉ} as the unknown instead; since {@code F} is unitary the two are the
 * same problem with the same iterates up to {@code F}.
 *
 * <p>{@code S} is linear, self-adjoint ({@code w} is real) and positive definite; its weights are
 * computed once, in FFT order, as a {@code double[]}.
 */
public final class SobolevSmoother extends Operator {

    private final FourierTransform fourier;
    private final double[] weights;
    private final double sobolevIndex;
    private final double factor;

    /**
     * @param grid a complex grid of 1 to 3 axes, where the coil profiles live
     * @param sobolevIndex {@code l ≥ 0} (regpy's example: 32)
     * @param factor {@code s ≥ 0} (regpy's example: 220)
     * @throws IllegalArgumentException if the grid is real or a parameter is negative or not finite
     */
    public SobolevSmoother(UniformGrid grid, double sobolevIndex, double factor) {
        super(requireComplex(grid), grid, true);
        if (!(sobolevIndex >= 0) || !Double.isFinite(sobolevIndex)) {
            throw new IllegalArgumentException("the Sobolev index must be finite and ≥ 0 but is " + sobolevIndex);
        }
        if (!(factor >= 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("the Sobolev factor must be finite and ≥ 0 but is " + factor);
        }
        this.fourier = new FourierTransform(grid, false);
        this.sobolevIndex = sobolevIndex;
        this.factor = factor;
        this.weights = weights(fourier, grid.shape(), sobolevIndex, factor);
    }

    private static UniformGrid requireComplex(UniformGrid grid) {
        if (grid == null || !grid.isComplex()) {
            throw new IllegalArgumentException("a SobolevSmoother needs a complex grid but got " + grid);
        }
        return grid;
    }

    private static double[] weights(FourierTransform ft, int[] shape, double index, double factor) {
        int ndim = shape.length;
        double[][] freqs = new double[ndim][];
        double max = 0;
        for (int d = 0; d < ndim; d++) {
            freqs[d] = ft.frequencies(d);
            for (double f : freqs[d]) {
                max = Math.max(max, Math.abs(f));
            }
        }
        double norm = max == 0 ? 1 : 2 * max;
        int size = 1;
        for (int n : shape) {
            size *= n;
        }
        double[] w = new double[size];
        int[] idx = new int[ndim];
        for (int k = 0; k < size; k++) {
            double sq = 0;
            for (int d = 0; d < ndim; d++) {
                double kt = freqs[d][idx[d]] / norm;
                sq += kt * kt;
            }
            w[k] = Math.pow(1 + factor * sq, -index / 2);
            for (int d = ndim - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return w;
    }

    /** @return a fresh copy of the weights {@code w(k)}, one per entry, in FFT (uncentered) order */
    public double[] weights() {
        return weights.clone();
    }

    /** @return the Sobolev index {@code l} */
    public double sobolevIndex() {
        return sobolevIndex;
    }

    /** @return the factor {@code s} */
    public double factor() {
        return factor;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] spectrum = fourier.apply(x);
        for (int k = 0; k < weights.length; k++) {
            spectrum[2 * k] *= weights[k];
            spectrum[2 * k + 1] *= weights[k];
        }
        return fourier.inverse().apply(spectrum);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return evaluate(y, false);
    }

    /** @return e.g. {@code SobolevSmoother[UniformGrid[100x100, complex], l=32.0, s=220.0]} */
    @Override
    public String toString() {
        return "SobolevSmoother[" + domain() + ", l=" + sobolevIndex + ", s=" + factor + "]";
    }
}
