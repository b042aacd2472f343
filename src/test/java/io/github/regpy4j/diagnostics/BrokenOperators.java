package io.github.regpy4j.diagnostics;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** Deliberately wrong operators that the checks must catch. */
final class BrokenOperators {

    private BrokenOperators() {}

    /** {@code x ↦ A x} on ℝ² with {@code A = [[1, 2], [3, 4]]}, whose "adjoint" forgets to transpose. */
    static final class UntransposedAdjoint extends Operator {
        UntransposedAdjoint() {
            super(VectorSpace.real(2), VectorSpace.real(2), true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return new double[] {x[0] + 2 * x[1], 3 * x[0] + 4 * x[1]};
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return evaluate(y, false);
        }
    }

    /** {@code x ↦ x + 1}, which claims to be linear. */
    static final class AffineClaimingLinear extends Operator {
        AffineClaimingLinear() {
            super(VectorSpace.real(3), VectorSpace.real(3), true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = x.clone();
            for (int k = 0; k < y.length; k++) {
                y[k] += 1;
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return y.clone();
        }
    }

    /**
     * {@code x ↦ sin(x)} pointwise whose derivative is {@code (1 + error)·cos(x)·h}: order 1 in
     * the Taylor test once {@code t} is small enough for the error to show.
     */
    static final class SineWithWrongDerivative extends Operator {
        private final double error;
        private double[] point;

        SineWithWrongDerivative(double error) {
            super(VectorSpace.real(4), VectorSpace.real(4), false);
            this.error = error;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            if (differentiate) {
                point = x.clone();
            }
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = Math.sin(x[k]);
            }
            return y;
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            double[] out = new double[h.length];
            for (int k = 0; k < h.length; k++) {
                out[k] = (1 + error) * Math.cos(point[k]) * h[k];
            }
            return out;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return applyDerivative(y);
        }
    }

    /** {@code x ↦ x·‖x‖}: nonlinear, with its exact derivative {@code h ↦ h‖x‖ + x⟨x, h⟩/‖x‖}. */
    static final class Radial extends Operator {
        private double[] point;

        Radial() {
            super(VectorSpace.real(3), VectorSpace.real(3), false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            if (differentiate) {
                point = x.clone();
            }
            double n = domain().norm(x);
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = n * x[k];
            }
            return y;
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            double n = domain().norm(point);
            double d = domain().vdot(point, h) / n;
            double[] out = new double[h.length];
            for (int k = 0; k < h.length; k++) {
                out[k] = n * h[k] + d * point[k];
            }
            return out;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return applyDerivative(y);
        }
    }

    /** Returns NaN everywhere. */
    static final class NotANumber extends Operator {
        NotANumber() {
            super(VectorSpace.real(2), VectorSpace.real(2), false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return new double[] {Double.NaN, Double.NaN};
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            return h.clone();
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return y.clone();
        }
    }

    /** {@code exp} pointwise with a seeded relative error of size {@code noise} in every evaluation. */
    static final class NoisyExponential extends Operator {
        private final double noise;
        private final java.util.Random rng;
        private double[] factor;

        NoisyExponential(double noise, long seed) {
            super(VectorSpace.real(4), VectorSpace.real(4), false);
            this.noise = noise;
            this.rng = new java.util.Random(seed);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = Math.exp(x[k]);
            }
            if (differentiate) {
                factor = y.clone();
            }
            for (int k = 0; k < x.length; k++) {
                y[k] *= 1 + noise * (2 * rng.nextDouble() - 1);
            }
            return y;
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            double[] out = new double[h.length];
            for (int k = 0; k < h.length; k++) {
                out[k] = factor[k] * h[k];
            }
            return out;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return applyDerivative(y);
        }
    }
}
