package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * {@code (a, b) ↦ a ⊙ b} from {@code X ⊕ X} to a real {@code X}: bilinear, hence nonlinear, like
 * regpy's coil multiplication. {@code F'(a,b)(h, k) = h ⊙ b + a ⊙ k}, {@code F'(a,b)* y = (y ⊙ b, y ⊙ a)}.
 */
public final class Product extends Operator {

    private final int n;
    private double[] a;
    private double[] b;

    public Product(VectorSpace factor) {
        super(new DirectSum(factor, factor), factor, false);
        this.n = factor.realSize();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = x[k] * x[n + k];
        }
        if (differentiate) {
            a = java.util.Arrays.copyOfRange(x, 0, n);
            b = java.util.Arrays.copyOfRange(x, n, 2 * n);
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = h[k] * b[k] + a[k] * h[n + k];
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] x = new double[2 * n];
        for (int k = 0; k < n; k++) {
            x[k] = y[k] * b[k];
            x[n + k] = y[k] * a[k];
        }
        return x;
    }
}
