package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Multiplication by positive real weights, one per entry: the Gram operator of a (weighted)
 * {@link L2} space. Port of the {@code PtwMultiplication} regpy's {@code L2UniformGridFcts} and
 * {@code L2MeasureSpaceFcts} build as their {@code gram}.
 *
 * <pre>
 *   (D x)[k] = d[k] · x[k]      (for a complex space both parts of entry k are multiplied)
 * </pre>
 *
 * <p>With real, positive {@code d} the operator is self-adjoint and positive definite, and
 * {@link #inverse()} multiplies by {@code 1/d}.
 */
public final class DiagonalGram extends SelfAdjointOperator {

    private final double[] weights;

    /**
     * @param space a real or complex space
     * @param weights {@code d}: {@code space.size()} finite, positive numbers. Not modified (copied).
     * @throws IllegalArgumentException if there are not {@code space.size()} weights or one is not
     *     finite and positive
     */
    public DiagonalGram(VectorSpace space, double[] weights) {
        super(space);
        if (weights == null || weights.length != space.size()) {
            throw new IllegalArgumentException("a DiagonalGram on " + space + " needs " + space.size()
                    + " weights but got " + (weights == null ? "null" : weights.length));
        }
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] > 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("a DiagonalGram on " + space + " needs finite positive weights but"
                        + " weight " + k + " is " + weights[k]);
            }
        }
        this.weights = weights.clone();
    }

    /** @return a fresh copy of the weights {@code d} */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * @return the common weight when every weight is the same, as for {@link L2} on a grid
     *     without weights (the cell volume): then {@code D} is that multiple of the identity;
     *     else empty
     */
    public OptionalDouble uniformWeight() {
        for (double w : weights) {
            if (w != weights[0]) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(weights[0]);
    }

    /** @return {@code D⁻¹}, the multiplication by {@code 1/d} */
    public DiagonalGram inverse() {
        double[] inv = new double[weights.length];
        for (int k = 0; k < inv.length; k++) {
            inv[k] = 1 / weights[k];
        }
        return new DiagonalGram(domain(), inv);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[x.length];
        if (domain().isComplex()) {
            for (int k = 0; k < weights.length; k++) {
                y[2 * k] = weights[k] * x[2 * k];
                y[2 * k + 1] = weights[k] * x[2 * k + 1];
            }
        } else {
            for (int k = 0; k < weights.length; k++) {
                y[k] = weights[k] * x[k];
            }
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiagonalGram g && g.domain().equals(domain()) && Arrays.equals(g.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * domain().hashCode() + Arrays.hashCode(weights);
    }

    /** @return e.g. {@code DiagonalGram[UniformGrid[8x8, real]]} */
    @Override
    public String toString() {
        return "DiagonalGram[" + domain() + "]";
    }
}
