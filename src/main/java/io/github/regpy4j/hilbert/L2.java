package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;

/**
 * The space L² of square-integrable functions, discretized on a grid by the rectangle rule.
 * Port of regpy's {@code L2UniformGridFcts} (and, on a space that is not a grid, of
 * {@code L2Generic}), optionally weighted.
 *
 * <p>On a {@link UniformGrid} with spacings {@code h₀, …, h_{d−1}}, cell volume
 * {@code v = h₀⋯h_{d−1}} ({@link UniformGrid#volumeElement()}) and weights {@code w > 0}:
 *
 * <pre>
 *   G = v · diag(w),      ⟨x, y⟩_G = v · Σₖ wₖ Re(x̄ₖ yₖ) ≈ ∫ w Re(x̄ y),      G⁻¹ = v⁻¹ · diag(1/w)
 * </pre>
 *
 * <p>Without weights {@code w ≡ 1}; on a space that is not a grid {@code v = 1} (so plain L²
 * there is the {@link Euclidean} inner product, which {@link #on(VectorSpace)} returns).
 */
public final class L2 extends HilbertSpace {

    private final double volume;
    private final double[] weights;
    private final DiagonalGram gram;
    private final DiagonalGram gramInverse;

    private L2(VectorSpace space, double[] weights) {
        super(space);
        this.volume = space instanceof UniformGrid g ? g.volumeElement() : 1.0;
        if (weights == null || weights.length != space.size()) {
            throw new IllegalArgumentException("a weighted L2 on " + space + " needs " + space.size()
                    + " weights but got " + (weights == null ? "null" : weights.length));
        }
        this.weights = weights.clone();
        double[] d = new double[weights.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = volume * weights[k];
        }
        this.gram = new DiagonalGram(space, d);
        this.gramInverse = gram.inverse();
    }

    /**
     * L² on a vector space, as regpy's abstract {@code L2} dispatches: on a {@link UniformGrid}
     * weighted by the cell volume, on any other space (whose entries carry no volume) the plain
     * inner product. Use {@code L2::on} as an {@link AbstractSpace}.
     *
     * @param space a grid, or another vector space
     * @return {@code L2} on the grid, or {@link Euclidean} on another space
     * @throws IllegalArgumentException for a {@link DirectSum} with a grid among its summands
     *     (regpy sums the summands' L² spaces; not ported)
     */
    public static HilbertSpace on(VectorSpace space) {
        if (space instanceof UniformGrid grid) {
            double[] ones = new double[grid.size()];
            Arrays.fill(ones, 1.0);
            return new L2(grid, ones);
        }
        if (space instanceof DirectSum sum && containsGrid(sum)) {
            throw new IllegalArgumentException("L2 on a direct sum of grids is not supported (yet): " + space);
        }
        return Euclidean.on(space);
    }

    /**
     * Weighted L²: {@code ⟨x, y⟩ = v Σ wₖ Re(x̄ₖ yₖ)}, {@code v} the cell volume of a grid and 1
     * on another space (regpy's {@code L2UniformGridFcts(weights)} and {@code L2Generic(weights)}).
     *
     * @param space a grid, or another vector space (not a {@link DirectSum} of grids)
     * @param weights {@code w}: {@code space.size()} finite positive numbers, one per entry in
     *     row-major order. Not modified (copied).
     * @return the space
     * @throws IllegalArgumentException if the weights do not fit or are not finite and positive
     */
    public static L2 weighted(VectorSpace space, double[] weights) {
        if (space instanceof DirectSum sum && containsGrid(sum)) {
            throw new IllegalArgumentException("L2 on a direct sum of grids is not supported (yet): " + space);
        }
        return new L2(space, weights);
    }

    private static boolean containsGrid(DirectSum sum) {
        for (VectorSpace s : sum.summands()) {
            if (s instanceof UniformGrid || (s instanceof DirectSum d && containsGrid(d))) {
                return true;
            }
        }
        return false;
    }

    /** @return the cell volume {@code v} (1 on a space that is not a grid) */
    public double volumeElement() {
        return volume;
    }

    /** @return a fresh copy of the weights {@code w} (all 1 unless weighted) */
    public double[] weights() {
        return weights.clone();
    }

    /** @return {@code v · diag(w)} */
    @Override
    public Operator gram() {
        return gram;
    }

    /** @return {@code v⁻¹ · diag(1/w)} */
    @Override
    public Operator gramInverse() {
        return gramInverse;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof L2 l && l.vectorSpace().equals(vectorSpace()) && Arrays.equals(l.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * vectorSpace().hashCode() + Arrays.hashCode(weights);
    }

    /** @return e.g. {@code L2[UniformGrid[64x64, complex]]} or {@code L2[UniformGrid[8, real], weighted]} */
    @Override
    public String toString() {
        boolean weighted = false;
        for (double w : weights) {
            weighted |= w != 1.0;
        }
        return "L2[" + vectorSpace() + (weighted ? ", weighted" : "") + "]";
    }
}
