package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Operator#applyInto(double[], double[])} beyond what the contract test checks of every
 * operator: which operators write into the output themselves, that it revokes a derivative as
 * {@code apply} does, and that the contract test catches an operator that breaks the promise of
 * {@link Operator#evaluatesInto()}.
 */
class ApplyIntoTest {

    private static final long SEED = 20261127L;
    private static final VectorSpace SPACE = VectorSpace.real(6);

    @Test
    void libraryOperatorsThatCanWriteIntoTheOutputSaySo() {
        assertThat(new Identity(SPACE).evaluatesInto()).isTrue();
        assertThat(new Zero(SPACE).evaluatesInto()).isTrue();
        assertThat(PointwiseMultiplication.real(SPACE, SPACE.ones()).evaluatesInto()).isTrue();
        assertThat(new Identity(SPACE).scale(2.0).evaluatesInto()).as("a scaled identity").isTrue();
        assertThat(new Exponential(SPACE).evaluatesInto()).as("an operator that does not override evaluateInto").isFalse();
        assertThat(new Exponential(SPACE).scale(2.0).evaluatesInto()).as("a scaled one").isFalse();
    }

    @Test
    void theAdjointOfAnOperatorThatWritesIntoTheOutputDoesToo() {
        org.ejml.data.DMatrixRMaj a = org.ejml.dense.row.RandomMatrices_DDRM.rectangle(4, 6, new Random(SEED));
        assertThat(new MatrixOperator(a, SPACE, VectorSpace.real(4)).adjoint().evaluatesInto()).isTrue();
        assertThat(PointwiseMultiplication.complex(SPACE, VectorSpace.complex(6).ones()).adjoint().evaluatesInto()).isTrue();
        assertThat(new Zero(SPACE, VectorSpace.real(3)).scale(2.0).adjoint().evaluatesInto()).isTrue();
        assertThat(new Exponential(SPACE).linearize(SPACE.ones()).derivative().adjoint().evaluatesInto())
                .as("the adjoint of a derivative").isFalse();
    }

    @Test
    void theDefaultCopiesAFreshEvaluation() {
        Operator op = new Exponential(SPACE);
        double[] x = SPACE.randn(new Random(SEED));
        double[] out = new double[SPACE.realSize()];
        op.applyInto(x, out);
        assertThat(out).as("seed %d", SEED).isEqualTo(op.apply(x));
    }

    @Test
    void applyIntoRevokesTheDerivativeAsApplyDoes() {
        Operator op = new Exponential(SPACE);
        Random rng = new Random(SEED);
        Operator d = op.linearize(SPACE.randn(rng)).derivative();
        op.applyInto(SPACE.randn(rng), new double[SPACE.realSize()]);
        assertThatThrownBy(() -> d.apply(SPACE.randn(rng))).as("seed %d", SEED)
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrongLengthArgumentIsRefusedBeforeTheOutputIsTouched() {
        double[] out = {1, 2, 3, 4, 5, 6};
        assertThatThrownBy(() -> new Identity(SPACE).applyInto(new double[5], out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument has length 5");
        assertThat(out).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void theContractTestCatchesAnOperatorThatKeepsItsLentArgument() {
        OperatorContractTest contract = new OperatorContractTest() {
            @Override
            protected Operator operator() {
                return new MemoizingByReference(SPACE);
            }
        };
        assertThatThrownBy(contract::applyIntoWritesExactlyWhatApplyReturnsAndKeepsNothingOfEarlierCalls)
                .isInstanceOf(AssertionError.class).hasMessageContaining("reused argument array");
    }

    @Test
    void theContractTestCatchesAnEvaluateIntoThatLeavesEntriesUnwritten() {
        OperatorContractTest contract = new OperatorContractTest() {
            @Override
            protected Operator operator() {
                return new HalfWritten(SPACE);
            }
        };
        assertThatThrownBy(contract::applyIntoWritesExactlyWhatApplyReturnsAndKeepsNothingOfEarlierCalls)
                .isInstanceOf(AssertionError.class).hasMessageContaining("bit for bit");
    }

    @Test
    void aDerivativeWritesIntoTheOutputWhenItsOperatorSaysSo() {
        Random rng = new Random(SEED);
        SquareWritingDerivatives op = new SquareWritingDerivatives(SPACE);
        Operator d = op.linearize(SPACE.randn(rng)).derivative();
        assertThat(d.evaluatesInto()).isTrue();
        assertThat(d.adjoint().evaluatesInto()).as("the adjoint of that derivative").isTrue();
        double[] h = SPACE.randn(rng);
        double[] out = intoMatchesApply(d, h);
        assertThat(op.written).as("calls that wrote into the output themselves").isEqualTo(2);
        op.apply(h);
        assertThatThrownBy(() -> d.applyInto(h, out)).as("a stale derivative")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale");
        assertThatThrownBy(() -> d.adjoint().applyInto(h, out)).as("its adjoint")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale");
    }

    @Test
    void aDerivativeOfAnyOtherOperatorCopiesAFreshResult() {
        Random rng = new Random(SEED);
        Operator d = new Exponential(SPACE).linearize(SPACE.randn(rng)).derivative();
        assertThat(d.evaluatesInto()).isFalse();
        intoMatchesApply(d, SPACE.randn(rng));
    }

    /**
     * Checks that {@code applyInto} of a derivative and of its adjoint write what {@code apply} returns.
     *
     * @return the output array they wrote into
     */
    private static double[] intoMatchesApply(Operator derivative, double[] h) {
        double[] out = new double[SPACE.realSize()];
        derivative.applyInto(h, out);
        assertThat(out).as("the derivative, seed %d", SEED).isEqualTo(derivative.apply(h));
        derivative.adjoint().applyInto(h, out);
        assertThat(out).as("its adjoint, seed %d", SEED).isEqualTo(derivative.adjoint().apply(h));
        return out;
    }

    /** {@code x ↦ x ⊙ x}, whose derivative {@code h ↦ 2x ⊙ h} (self-adjoint) writes into given arrays. */
    private static final class SquareWritingDerivatives extends Operator {
        private double[] twoX;
        int written;

        SquareWritingDerivatives(VectorSpace s) {
            super(s, s, false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = x[k] * x[k];
            }
            if (differentiate) {
                twoX = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    twoX[k] = 2 * x[k];
                }
            }
            return y;
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            double[] y = new double[h.length];
            for (int k = 0; k < h.length; k++) {
                y[k] = twoX[k] * h[k];
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return applyDerivative(y);
        }

        @Override
        protected boolean derivativeEvaluatesInto() {
            return true;
        }

        @Override
        protected void applyDerivativeInto(double[] h, double[] out) {
            written++;
            for (int k = 0; k < h.length; k++) {
                out[k] = twoX[k] * h[k];
            }
        }

        @Override
        protected void applyAdjointInto(double[] y, double[] out) {
            applyDerivativeInto(y, out);
        }
    }

    /** Doubles its argument, and remembers the last argument array to skip "repeated" work: wrong when arrays are reused. */
    private static final class MemoizingByReference extends Operator {
        private double[] lastX;
        private final double[] lastY;

        MemoizingByReference(VectorSpace s) {
            super(s, s, true);
            lastY = new double[s.realSize()];
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = 2 * x[k];
            }
            return y;
        }

        @Override
        public boolean evaluatesInto() {
            return true;
        }

        @Override
        protected void evaluateInto(double[] x, double[] out) {
            if (x != lastX) {
                lastX = x;
                for (int k = 0; k < x.length; k++) {
                    lastY[k] = 2 * x[k];
                }
            }
            System.arraycopy(lastY, 0, out, 0, out.length);
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return evaluate(y, false);
        }
    }

    /** An identity whose evaluateInto forgets the second half of the output. */
    private static final class HalfWritten extends Operator {
        HalfWritten(VectorSpace s) {
            super(s, s, true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return x.clone();
        }

        @Override
        public boolean evaluatesInto() {
            return true;
        }

        @Override
        protected void evaluateInto(double[] x, double[] out) {
            System.arraycopy(x, 0, out, 0, x.length / 2);
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return y.clone();
        }
    }
}
