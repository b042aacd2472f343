package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.FourierTransform;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.DoubleFFT_3D;

/**
 * A periodic convolution given by a real Fourier symbol: the Gram operator of {@link Hm} on a
 * whole grid. Port of the Fourier-multiplier form of regpy's Sobolev Gram matrix
 * ({@code SobolevUniformGridFcts.gram}, regpy's {@code ft.adjoint * Multiplication(ω) * ft}).
 *
 * <pre>
 *   B x = F* (ω ⊙ F x)
 * </pre>
 *
 * <p>{@code F} is the unitary, uncentered DFT of {@link FourierTransform} (computed here with
 * JTransforms directly, unnormalized both ways with the factor {@code 1/N} folded into
 * {@code ω}) and {@code ω} a
 * real array of one entry per grid point in FFT order. {@code B} is self-adjoint because {@code ω}
 * is real, positive definite when {@code ω > 0} (its eigenvalues are the entries of {@code ω}),
 * and real on real functions when {@code ω} is even ({@code ω(−k) = ω(k)}), which a real grid
 * requires. {@link #inverse()} is the multiplier {@code 1/ω}.
 */
public final class FourierMultiplier extends SelfAdjointOperator {

    private final int[] shape;
    private final double[] symbol;
    /** {@code ω / N}: the unnormalized forward and inverse FFTs together multiply by {@code N}. */
    private final double[] scaledSymbol;
    /** Lazily built JTransforms plan; not serialized (rebuilt where it is used). */
    private transient Object plan;

    /**
     * @param grid a real or complex grid of 1 to 3 axes, each of at least 2 points
     * @param symbol {@code ω}: {@code grid.size()} finite real numbers in FFT order (numpy's
     *     {@code fftfreq} order on every axis), even when the grid is real. Not modified (copied).
     * @throws IllegalArgumentException if the symbol has the wrong length, is not finite, or is
     *     not even on a real grid
     */
    public FourierMultiplier(UniformGrid grid, double[] symbol) {
        super(grid);
        for (int d = 0; d < grid.shape().length; d++) {
            if (grid.shape()[d] < 2) {
                throw new IllegalArgumentException("a FourierMultiplier needs at least 2 points on every axis but axis "
                        + d + " of " + grid + " has " + grid.shape()[d]);
            }
        }
        if (symbol == null || symbol.length != grid.size()) {
            throw new IllegalArgumentException("a FourierMultiplier on " + grid + " needs a symbol of " + grid.size()
                    + " entries but got " + (symbol == null ? "null" : symbol.length));
        }
        for (int k = 0; k < symbol.length; k++) {
            if (!Double.isFinite(symbol[k])) {
                throw new IllegalArgumentException("the symbol of a FourierMultiplier on " + grid
                        + " must be finite but entry " + k + " is " + symbol[k]);
            }
        }
        if (!grid.isComplex()) {
            requireEven(grid.shape(), symbol, grid);
        }
        if (grid.shape().length > 3) {
            throw new IllegalArgumentException("a FourierMultiplier supports grids of 1 to 3 axes but " + grid + " has "
                    + grid.shape().length);
        }
        this.shape = grid.shape();
        this.symbol = symbol.clone();
        this.scaledSymbol = new double[symbol.length];
        for (int k = 0; k < symbol.length; k++) {
            scaledSymbol[k] = symbol[k] / symbol.length;
        }
    }

    private static void requireEven(int[] shape, double[] symbol, UniformGrid grid) {
        int[] index = new int[shape.length];
        for (int k = 0; k < symbol.length; k++) {
            int mirror = 0;
            for (int d = 0; d < shape.length; d++) {
                mirror = mirror * shape[d] + (shape[d] - index[d]) % shape[d];
            }
            if (symbol[mirror] != symbol[k]) {
                throw new IllegalArgumentException("a FourierMultiplier on the real grid " + grid
                        + " needs an even symbol, ω(−k) = ω(k), but entries " + k + " and " + mirror + " are "
                        + symbol[k] + " and " + symbol[mirror]);
            }
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /** @return a fresh copy of the symbol {@code ω}, in FFT order */
    public double[] symbol() {
        return symbol.clone();
    }

    /**
     * @return {@code B⁻¹ = F* (ω⁻¹ ⊙ F ·)}
     * @throws IllegalStateException if {@code ω} has an entry that is not positive
     */
    public FourierMultiplier inverse() {
        double[] inv = new double[symbol.length];
        for (int k = 0; k < inv.length; k++) {
            if (!(symbol[k] > 0)) {
                throw new IllegalStateException(this + " is not invertible: symbol entry " + k + " is " + symbol[k]);
            }
            inv[k] = 1 / symbol[k];
        }
        return new FourierMultiplier((UniformGrid) domain(), inv);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        boolean complex = domain().isComplex();
        double[] z;
        if (complex) {
            z = x.clone();
        } else {
            z = new double[2 * x.length];
            for (int k = 0; k < x.length; k++) {
                z[2 * k] = x[k];
            }
        }
        Object p = plan();
        if (p instanceof DoubleFFT_1D f) {
            f.complexForward(z);
        } else if (p instanceof DoubleFFT_2D f) {
            f.complexForward(z);
        } else {
            ((DoubleFFT_3D) p).complexForward(z);
        }
        for (int k = 0; k < scaledSymbol.length; k++) {
            z[2 * k] *= scaledSymbol[k];
            z[2 * k + 1] *= scaledSymbol[k];
        }
        if (p instanceof DoubleFFT_1D f) {
            f.complexInverse(z, false);
        } else if (p instanceof DoubleFFT_2D f) {
            f.complexInverse(z, false);
        } else {
            ((DoubleFFT_3D) p).complexInverse(z, false);
        }
        if (complex) {
            return z;
        }
        double[] y = new double[x.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = z[2 * k]; // the imaginary part is rounding: the symbol is even
        }
        return y;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof FourierMultiplier f && f.domain().equals(domain()) && Arrays.equals(f.symbol, symbol);
    }

    @Override
    public int hashCode() {
        return 31 * domain().hashCode() + Arrays.hashCode(symbol);
    }

    /** @return e.g. {@code FourierMultiplier[UniformGrid[64x64, complex]]} */
    @Override
    public String toString() {
        return "FourierMultiplier[" + domain() + "]";
    }
}
