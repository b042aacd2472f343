package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** A real dense matrix {@code A: ℝⁿ → ℝᵐ} stored row-major: linear, adjoint {@code Aᵀ}. */
public final class DenseMatrix extends Operator {

    private final int rows;
    private final int cols;
    private final double[] a;

    public DenseMatrix(int rows, int cols, double[] a) {
        super(VectorSpace.real(cols), VectorSpace.real(rows), true);
        this.rows = rows;
        this.cols = cols;
        this.a = a.clone();
    }

    public static DenseMatrix random(int rows, int cols, java.util.Random rng) {
        double[] a = new double[rows * cols];
        for (int k = 0; k < a.length; k++) {
            a[k] = rng.nextGaussian();
        }
        return new DenseMatrix(rows, cols, a);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] x = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[j] += a[i * cols + j] * y[i];
            }
        }
        return x;
    }
}
