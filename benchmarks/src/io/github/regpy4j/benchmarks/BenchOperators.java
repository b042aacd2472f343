package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * Trivial operators for the benchmarks: cheap enough that what is measured is the runtime, not
 * the operator. Plain classes with final fields, so they travel to workers as any user class does.
 */
final class BenchOperators {

    private BenchOperators() {}

    /** {@code F(x) = x ⊙ x}: nonlinear, {@code F'(x)h = 2x ⊙ h}, self-adjoint derivative. */
    static final class Square extends Operator {
        private double[] slope;

        Square(VectorSpace space) {
            super(space, space, false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = x[k] * x[k];
            }
            if (differentiate) {
                slope = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    slope[k] = 2 * x[k];
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

        @Override
        public String toString() {
            return "Square[" + domain() + "]";
        }
    }

    /**
     * Burns a fixed amount of CPU, deterministically: a chain of {@code iterations} dependent
     * multiply-adds (latency-bound, so the time does not depend on vector units), then returns
     * {@code x} with the chain's result added to its first entry (so nothing can be optimized away).
     */
    static final class Spin extends Operator {
        private final long iterations;

        Spin(VectorSpace space, long iterations) {
            super(space, space, false);
            this.iterations = iterations;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = x.clone();
            y[0] += burn(x[0], iterations);
            return y;
        }

        static double burn(double seed, long iterations) {
            double s = seed;
            for (long i = 0; i < iterations; i++) {
                s = s * 0.9999999 + 1e-7;
            }
            return s * 1e-300;
        }

        @Override
        public String toString() {
            return "Spin[" + iterations + "]";
        }
    }

    /**
     * The identity written as users write operators: it returns a fresh array ({@code x.clone()})
     * and overrides neither {@code evaluateInto} nor {@code evaluatesInto}, so a worker cannot lend
     * it arrays. Beside every {@code Identity} figure, it shows what an operator of one's own gets.
     */
    static final class UserIdentity extends Operator {
        UserIdentity(VectorSpace space) {
            super(space, space, true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return x.clone();
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            double[] x = new double[y.length];
            System.arraycopy(y, 0, x, 0, y.length);
            return x;
        }

        @Override
        public String toString() {
            return "UserIdentity[" + domain() + "]";
        }
    }
}
