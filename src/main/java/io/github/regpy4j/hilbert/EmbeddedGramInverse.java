package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The inverse of {@link EmbeddedGram} on the functions supported in the mask. Port of regpy's
 * {@code HmDomain.gram.inverse = proj.adjoint * mat.inverse * proj}:
 *
 * <pre>
 *   G⁻¹ = P* A⁻¹ P,      A = P B P*   (m × m, m the number of masked points)
 * </pre>
 *
 * <p>{@code G G⁻¹ y = M y} and {@code G⁻¹ G x = M x}: the identity on functions supported in the
 * mask, zero outside it. regpy factors its sparse finite-difference matrix with SuperLU; here
 * {@code A} is dense (a principal submatrix of the convolution {@code B}, which couples every
 * pair of points), so it is assembled from {@code B}'s convolution kernel, factored once by
 * EJML's Cholesky decomposition {@code A = L Lᵀ} (which fails unless {@code A} is positive
 * definite) and inverted once from the factor, in {@code O(m³)}; each application is then one
 * pass over the symmetric {@code m × m} inverse, {@code O(m²)} (for the 793 points of regpy's
 * medium scattering support on a 64×64 grid: 5 MB, well under a millisecond). {@code A} is real
 * (the symbol of {@code B} is real and even), and a complex function is solved for its real and
 * imaginary parts in the same pass.
 */
final class EmbeddedGramInverse extends SelfAdjointOperator {

    /** The largest number of masked points whose dense {@code m × m} factor is built (128 MiB). */
    static final int DENSE_LIMIT = 4096;

    private final int[] selected;
    /** {@code A⁻¹}, row-major, symmetric. */
    private final double[] inverse;

    /**
     * @param whole {@code B} on the grid, with a real, even, positive symbol
     * @param mask one flag per grid point, row-major, at least one and at most {@link #DENSE_LIMIT} true
     * @throws IllegalArgumentException if the mask selects more than {@link #DENSE_LIMIT} points
     * @throws IllegalStateException if the Cholesky factorization fails ({@code A} not positive definite)
     */
    EmbeddedGramInverse(FourierMultiplier whole, boolean[] mask) {
        super(whole.domain());
        this.selected = selectedEntries(mask);
        int m = selected.length;
        if (m > DENSE_LIMIT) {
            throw new IllegalArgumentException("the inverse Gram operator of Hm on " + whole.domain() + " factors a dense"
                    + " matrix of the masked points; at most " + DENSE_LIMIT + " are supported but the mask selects " + m);
        }
        DMatrixRMaj a = assemble((UniformGrid) whole.domain(), whole.symbol(), selected);
        LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(m);
        if (!cholesky.setA(a)) {
            throw new IllegalStateException("the Cholesky factorization of the " + m + " × " + m
                    + " Gram matrix of Hm on " + whole.domain() + " failed: it is not numerically positive definite");
        }
        DMatrixRMaj inv = new DMatrixRMaj(m, m);
        cholesky.invert(inv);
        // Symmetric in exact arithmetic; make it so in floating point, for a self-adjoint operator.
        double[] d = inv.data;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double mean = 0.5 * (d[i * m + j] + d[j * m + i]);
                d[i * m + j] = mean;
                d[j * m + i] = mean;
            }
        }
        this.inverse = d;
    }

    private static int[] selectedEntries(boolean[] mask) {
        int m = 0;
        for (boolean b : mask) {
            m += b ? 1 : 0;
        }
        int[] s = new int[m];
        int at = 0;
        for (int k = 0; k < mask.length; k++) {
            if (mask[k]) {
                s[at++] = k;
            }
        }
        return s;
    }

    /**
     * {@code A[a][b] = B[pₐ][p_b] = c[(pₐ − p_b) mod n]}, with {@code c = B e₀} the convolution
     * kernel of {@code B} (its first column) and the difference taken per axis, periodically.
     */
    private static DMatrixRMaj assemble(UniformGrid grid, double[] symbol, int[] selected) {
        UniformGrid real = grid.toReal();
        double[] e0 = new double[real.size()];
        e0[0] = 1;
        double[] kernel = new FourierMultiplier(real, symbol).apply(e0);
        int[] shape = grid.shape();
        int ndim = shape.length;
        int m = selected.length;
        int[][] coords = new int[m][ndim];
        for (int a = 0; a < m; a++) {
            int rest = selected[a];
            for (int d = ndim - 1; d >= 0; d--) {
                coords[a][d] = rest % shape[d];
                rest /= shape[d];
            }
        }
        DMatrixRMaj matrix = new DMatrixRMaj(m, m);
        double[] data = matrix.data;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                int flat = 0;
                for (int d = 0; d < ndim; d++) {
                    int diff = coords[a][d] - coords[b][d];
                    flat = flat * shape[d] + (diff < 0 ? diff + shape[d] : diff);
                }
                data[a * m + b] = kernel[flat];
            }
        }
        // Round-off in the kernel makes A asymmetric in the last bits; Cholesky reads one triangle.
        return matrix;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        int m = selected.length;
        double[] y = new double[x.length];
        if (domain().isComplex()) {
            double[] re = new double[m];
            double[] im = new double[m];
            for (int b = 0; b < m; b++) {
                re[b] = x[2 * selected[b]];
                im[b] = x[2 * selected[b] + 1];
            }
            for (int a = 0; a < m; a++) {
                double sr = 0;
                double si = 0;
                int row = a * m;
                for (int b = 0; b < m; b++) {
                    double v = inverse[row + b];
                    sr += v * re[b];
                    si += v * im[b];
                }
                y[2 * selected[a]] = sr;
                y[2 * selected[a] + 1] = si;
            }
        } else {
            double[] re = new double[m];
            for (int b = 0; b < m; b++) {
                re[b] = x[selected[b]];
            }
            for (int a = 0; a < m; a++) {
                double s = 0;
                int row = a * m;
                for (int b = 0; b < m; b++) {
                    s += inverse[row + b] * re[b];
                }
                y[selected[a]] = s;
            }
        }
        return y;
    }

    /** @return e.g. {@code EmbeddedGramInverse[812 of UniformGrid[64x64, complex]]} */
    @Override
    public String toString() {
        return "EmbeddedGramInverse[" + selected.length + " of " + domain() + "]";
    }
}
