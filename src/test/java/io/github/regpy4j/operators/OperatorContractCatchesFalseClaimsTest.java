package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.VectorSpace;
import org.junit.jupiter.api.Test;

/**
 * The contract test's check of {@link Operator#evaluatesInto()} can fail: it refuses an operator
 * that claims it without overriding {@code evaluateInto}, and a linear one without {@code
 * applyAdjointInto}, and accepts one that overrides both.
 */
class OperatorContractCatchesFalseClaimsTest {

    private static final VectorSpace SPACE = VectorSpace.real(3);

    /** The identity, computed into fresh arrays; {@code claims} says what {@code evaluatesInto()} answers. */
    private static class Copying extends Operator {
        private final boolean claims;

        Copying(boolean claims) {
            super(SPACE, SPACE, true);
            this.claims = claims;
        }

        @Override
        public boolean evaluatesInto() {
            return claims;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return x.clone();
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return y.clone();
        }
    }

    /** Writes into {@code out} but leaves the adjoint to Operator's copying default. */
    private static final class HalfInto extends Copying {
        HalfInto() {
            super(true);
        }

        @Override
        protected void evaluateInto(double[] x, double[] out) {
            System.arraycopy(x, 0, out, 0, x.length);
        }
    }

    /** Inherits both overrides from its superclass: what the reflection must find up the chain. */
    private static final class FullyIntoBySuperclass extends FullyInto {
    }

    private static class FullyInto extends Copying {
        FullyInto() {
            super(true);
        }

        @Override
        protected void evaluateInto(double[] x, double[] out) {
            System.arraycopy(x, 0, out, 0, x.length);
        }

        @Override
        protected void applyAdjointInto(double[] y, double[] out) {
            System.arraycopy(y, 0, out, 0, y.length);
        }
    }

    private static OperatorContractTest contractOf(Operator op) {
        return new OperatorContractTest() {
            @Override
            protected Operator operator() {
                return op;
            }
        };
    }

    @Test
    void aClaimWithoutEvaluateIntoFails() {
        OperatorContractTest contract = contractOf(new Copying(true));
        assertThatThrownBy(contract::anOperatorThatSaysItEvaluatesIntoArraysOverridesTheMethodsThatDoIt)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not override evaluateInto(double[], double[])")
                .hasMessageContaining(Copying.class.getName());
    }

    @Test
    void aLinearClaimWithoutApplyAdjointIntoFails() {
        OperatorContractTest contract = contractOf(new HalfInto());
        assertThatThrownBy(contract::anOperatorThatSaysItEvaluatesIntoArraysOverridesTheMethodsThatDoIt)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not override applyAdjointInto(double[], double[])")
                .hasMessageContaining(HalfInto.class.getName());
    }

    @Test
    void overridesInASuperclassBelowOperatorCountAndNoClaimNeedsNone() {
        assertThatCode(contractOf(new FullyIntoBySuperclass())::anOperatorThatSaysItEvaluatesIntoArraysOverridesTheMethodsThatDoIt)
                .doesNotThrowAnyException();
        assertThatCode(contractOf(new Copying(false))::anOperatorThatSaysItEvaluatesIntoArraysOverridesTheMethodsThatDoIt)
                .doesNotThrowAnyException();
    }
}
