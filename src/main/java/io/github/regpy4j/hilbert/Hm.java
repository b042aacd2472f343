package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;

/**
 * The Sobolev space {@code Hˢ} of functions on a grid, on the whole grid or on the points a mask
 * selects. Port of regpy's {@code Hm} on {@code UniformGridFcts}: {@code Hm(index=s)} without a
 * mask (as regpy's {@code SobolevUniformGridFcts}), {@code Hm(mask=m, index=s)} with one (as
 * regpy's {@code HmDomain}).
 *
 * <p><b>Whole grid.</b> The Gram operator is the Fourier multiplier ({@link FourierMultiplier},
 * FFTs by JTransforms)
 *
 * <pre>
 *   B = F* diag(ω) F,      ω(ξ) = (1 + |ξ|²)^s,      ‖x‖²_B = Σ_k (1 + |ξ_k|²)^s |(F x)_k|²
 * </pre>
 *
 * <p>the discrete, periodic form of {@code (I − Δ)^s}. Lengths are non-dimensionalized as
 * regpy's {@code HmDomain} does by default ({@code h='normalized'}): the longest side
 * {@code L = maxᵢ (nᵢ − 1) hᵢ} of the grid is scaled to {@code 2π}, so the angular frequency of
 * FFT index {@code kᵢ} on axis {@code i} is {@code ξᵢ = L · kᵢ / (nᵢ hᵢ)} (about {@code kᵢ} on a
 * square grid), with {@code kᵢ} in numpy's {@code fftfreq} order. The norm then does not change
 * when the grid is refined or its units change. {@code B⁻¹} is the multiplier {@code ω⁻¹}.
 *
 * <p><b>With a mask</b> ({@code D} the selected points, {@code P} the restriction to them and
 * {@code P*} the extension by zero) the space is {@code Hˢ(D)} of functions supported in {@code D},
 * embedded in the grid by extension with zero (regpy's example: "Sobolev norm on support via
 * embedding"):
 *
 * <pre>
 *   G = P* A P,    A = P B P*,    ‖x‖²_G = ‖P*P x‖²_B,      G⁻¹ = P* A⁻¹ P
 * </pre>
 *
 * <p>{@code G} is positive definite on functions supported in {@code D} and zero outside, so
 * {@link #norm(double[])} is a seminorm on the grid and {@code G⁻¹} the inverse on that subspace
 * (zero outside), exactly as regpy's {@code HmDomain}; solvers in such a setting keep their
 * updates supported in {@code D}. regpy assembles {@code A} as the finite-difference matrix
 * {@code (I − Δ_h)^m} with Dirichlet conditions outside the mask; here {@code A} is the
 * principal submatrix of the Fourier form above, factored once (dense Cholesky, at most 4096 masked
 * points). Both are discretizations of the same norm of
 * {@code H̃ᵐ(D)}; their values differ at the discretization level.
 *
 * <p>The index {@code s ≥ 0} may be fractional ({@code s = 0} is the plain inner product on the
 * selected points). Grids of 1 to 3 axes of at least 2 points each, real or complex.
 */
public final class Hm extends HilbertSpace {

    private final double index;
    private final boolean[] mask;
    private final FourierMultiplier whole;
    private final Operator gram;
    private final Operator gramInverse;

    private Hm(UniformGrid grid, boolean[] mask, double index) {
        super(grid);
        if (!(index >= 0) || !Double.isFinite(index)) {
            throw new IllegalArgumentException("the Sobolev index of Hm on " + grid + " must be finite and ≥ 0 but is "
                    + index);
        }
        this.index = index;
        this.whole = new FourierMultiplier(grid, symbol(grid, index));
        if (mask == null) {
            this.mask = null;
            this.gram = whole;
            this.gramInverse = whole.inverse();
        } else {
            if (mask.length != grid.size()) {
                throw new IllegalArgumentException("the mask of Hm on " + grid + " needs " + grid.size()
                        + " entries (row-major) but has " + mask.length);
            }
            int selected = 0;
            for (boolean b : mask) {
                selected += b ? 1 : 0;
            }
            if (selected == 0) {
                throw new IllegalArgumentException("the mask of Hm on " + grid + " selects no point");
            }
            boolean all = selected == mask.length;
            this.mask = mask.clone();
            this.gram = all ? whole : new EmbeddedGram(whole, mask);
            this.gramInverse = all ? whole.inverse() : new EmbeddedGramInverse(whole, mask);
        }
    }

    /**
     * {@code Hˢ} on the whole grid (regpy's {@code Hm(grid, index=s)} without a mask, or
     * {@code Sobolev(grid, index=s)}).
     *
     * @param grid a real or complex grid of 1 to 3 axes
     * @param index {@code s ≥ 0}
     * @return the space
     */
    public static Hm on(UniformGrid grid, double index) {
        return new Hm(grid, null, index);
    }

    /**
     * {@code Hˢ(D)} of functions supported in the points a mask selects, embedded by extension
     * with zero (regpy's {@code Hm(grid, mask=mask, index=s)}).
     *
     * @param grid a real or complex grid of 1 to 3 axes
     * @param mask one flag per grid point in row-major order (regpy's C order), at least one true;
     *     all true is the whole grid. Not modified (copied).
     * @param index {@code s ≥ 0}
     * @return the space
     * @throws IllegalArgumentException if the mask does not fit the grid, selects nothing, or
     *     selects more than 4096 points
     */
    public static Hm on(UniformGrid grid, boolean[] mask, double index) {
        if (mask == null) {
            throw new IllegalArgumentException("the mask of Hm on " + grid + " is null; use Hm.on(grid, index)"
                    + " for the whole grid");
        }
        return new Hm(grid, mask, index);
    }

    /**
     * The abstract {@code Hˢ} on the whole grid, regpy's {@code Hm(index=s)}.
     *
     * @param index {@code s ≥ 0}
     * @return a rule that makes {@code Hm.on(grid, s)} on a {@link UniformGrid}
     */
    public static AbstractSpace withIndex(double index) {
        return space -> on(requireGrid(space), index);
    }

    /**
     * The abstract {@code Hˢ(D)}, regpy's {@code Hm(mask=mask, index=s)}: what regpy's medium
     * scattering example uses as penalty, {@code Hm.withMask(op.support(), 2)}.
     *
     * @param mask one flag per grid point in row-major order. Not modified (copied now).
     * @param index {@code s ≥ 0}
     * @return a rule that makes {@code Hm.on(grid, mask, s)} on a {@link UniformGrid}
     */
    public static AbstractSpace withMask(boolean[] mask, double index) {
        if (mask == null) {
            throw new IllegalArgumentException("the mask of Hm is null; use Hm.withIndex(index) for the whole grid");
        }
        boolean[] copy = mask.clone();
        return space -> on(requireGrid(space), copy, index);
    }

    private static UniformGrid requireGrid(VectorSpace space) {
        if (space instanceof UniformGrid grid) {
            return grid;
        }
        throw new IllegalArgumentException("Hm is defined on a UniformGrid but the space is " + space);
    }

    /**
     * The symbol {@code ω(ξ) = (1 + |ξ|²)^s} of the whole-grid Gram operator, in FFT order, with
     * {@code ξᵢ = L kᵢ / (nᵢ hᵢ)} as described in the class documentation.
     *
     * @param grid a grid
     * @param index {@code s}
     * @return a fresh array of {@code grid.size()} entries, row-major, each axis in {@code fftfreq} order
     */
    public static double[] symbol(UniformGrid grid, double index) {
        int[] shape = grid.shape();
        int ndim = shape.length;
        double longest = 0;
        for (int d = 0; d < ndim; d++) {
            longest = Math.max(longest, (shape[d] - 1) * grid.spacing(d));
        }
        double[][] xi = new double[ndim][];
        for (int d = 0; d < ndim; d++) {
            int n = shape[d];
            xi[d] = new double[n];
            for (int j = 0; j < n; j++) {
                int k = j < (n + 1) / 2 ? j : j - n;
                xi[d][j] = longest * k / (n * grid.spacing(d));
            }
        }
        double[] w = new double[grid.size()];
        int[] at = new int[ndim];
        for (int k = 0; k < w.length; k++) {
            double sq = 0;
            for (int d = 0; d < ndim; d++) {
                sq += xi[d][at[d]] * xi[d][at[d]];
            }
            w[k] = Math.pow(1 + sq, index);
            for (int d = ndim - 1; d >= 0; d--) {
                if (++at[d] < shape[d]) {
                    break;
                }
                at[d] = 0;
            }
        }
        return w;
    }

    /** @return the Sobolev index {@code s} */
    public double index() {
        return index;
    }

    /** @return a fresh copy of the mask, or {@code null} for the whole grid */
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    /** @return {@code G}: {@code B} on the whole grid, {@code P* A P} with a mask */
    @Override
    public Operator gram() {
        return gram;
    }

    /** @return {@code G⁻¹}: {@code B⁻¹} on the whole grid, {@code P* A⁻¹ P} with a mask */
    @Override
    public Operator gramInverse() {
        return gramInverse;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hm h && h.vectorSpace().equals(vectorSpace()) && h.index == index
                && Arrays.equals(h.mask, mask);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * vectorSpace().hashCode() + Double.hashCode(index)) + Arrays.hashCode(mask);
    }

    /** @return e.g. {@code Hm[s=2.0, UniformGrid[64x64, complex], mask of 812]} */
    @Override
    public String toString() {
        String m = "";
        if (mask != null) {
            int selected = 0;
            for (boolean b : mask) {
                selected += b ? 1 : 0;
            }
            m = ", mask of " + selected;
        }
        return "Hm[s=" + index + ", " + vectorSpace() + m + "]";
    }
}
