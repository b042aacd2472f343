package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * {@code F(x) = w ⊙ x ⊙ x + c·x} on a real space: nonlinear, with {@code F'(x)h = (2w ⊙ x + c) ⊙ h},
 * self-adjoint derivative. A plain user class: final fields, no no-arg constructor.
 */
public final class Quadratic extends Operator {

    private final double[] weights;
    private final double c;
    private double[] slope;

    public Quadratic(VectorSpace space, double[] weights, double c) {
        super(space, space, false);
        this.weights = weights.clone();
        this.c = c;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = weights[k] * x[k] * x[k] + c * x[k];
        }
        if (differentiate) {
            slope = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                slope[k] = 2 * weights[k] * x[k] + c;
            }
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        double[] y = new double[h.length];
        for (int k = 0; k < h.length; k++) {
            y[k] = slope[k] * h[k];
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return applyDerivative(y);
    }
}
