package io.github.regpy4j.solvers;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** Small operators for solver tests, written here so the solvers are tested against known mathematics only. */
final class TestProblems {

    private TestProblems() {}

    /** {@code x ↦ A x} for a dense real matrix, row-major. */
    static class Matrix extends Operator {
        final double[][] a;

        Matrix(double[][] a) {
            super(VectorSpace.real(a[0].length), VectorSpace.real(a.length), true);
            this.a = a;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    y[i] += a[i][j] * x[j];
                }
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            double[] x = new double[a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    x[j] += a[i][j] * y[i];
                }
            }
            return x;
        }
    }

    /** {@code x ↦ x∘x} entrywise on ℝⁿ; {@code F'(x)h = 2x∘h}, self-adjoint derivative. */
    static final class Square extends Operator {
        private double[] at;

        Square(int n) {
            super(VectorSpace.real(n), VectorSpace.real(n), false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            if (differentiate) {
                at = x.clone();
            }
            double[] y = new double[x.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = x[k] * x[k];
            }
            return y;
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            double[] y = new double[h.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = 2 * at[k] * h[k];
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return applyDerivative(y);
        }
    }

    /** A diagonal matrix with entries {@code 1, q, q², …}: a mildly ill-posed linear problem. */
    static Matrix geometricDiagonal(int n, double q) {
        double[][] a = new double[n][n];
        double d = 1;
        for (int i = 0; i < n; i++) {
            a[i][i] = d;
            d *= q;
        }
        return new Matrix(a);
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
