package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input gets an error that says what was expected, what was found, and which object. */
class ErrorMessagesTest {

    private static final VectorSpace R3 = VectorSpace.real(3);
    private static final VectorSpace C2 = VectorSpace.complex(2);

    /** An operator whose evaluate returns one entry too many: the implementation's bug. */
    static final class OneTooLong extends Operator {
        OneTooLong() {
            super(R3, R3, true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return new double[4];
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return null;
        }
    }

    @Test
    void wrongLengthNamesExpectedLengthActualLengthAndOperator() {
        Operator op = Fixtures.matrix(2, 3, 1);
        assertThatThrownBy(() -> op.apply(new double[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument has length 5 but ArraySpace[3, real] needs 3 (operator " + op + ")");
        Operator c = new Exponential(C2);
        assertThatThrownBy(() -> c.apply(new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 2").hasMessageContaining("needs 4").hasMessageContaining("Exponential");
    }

    @Test
    void aUsersEvaluateReturningTheWrongLengthNamesTheClass() {
        OneTooLong op = new OneTooLong();
        assertThatThrownBy(() -> op.apply(new double[3])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(OneTooLong.class.getName()).hasMessageContaining("evaluate")
                .hasMessageContaining("length 4").hasMessageContaining("needs 3");
        assertThatThrownBy(() -> op.adjoint().apply(new double[3])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(OneTooLong.class.getName()).hasMessageContaining("applyAdjoint returned null");
    }

    @Test
    void aUsersEvaluateReturningItsArgumentIsCaught() {
        Operator lazy = new Operator(R3, R3, true) {
            @Override
            protected double[] evaluate(double[] x, boolean differentiate) {
                return x;
            }

            @Override
            protected double[] applyAdjoint(double[] y) {
                return y;
            }
        };
        assertThatThrownBy(() -> lazy.apply(new double[3])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("evaluate returned its argument").hasMessageContaining("fresh array");
        assertThatThrownBy(() -> lazy.adjoint().apply(new double[3])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applyAdjoint returned its argument");
    }

    @Test
    void composingMismatchedSpacesNamesBothSpacesAtCompositionTime() {
        Operator a = Fixtures.matrix(2, 3, 1);
        Operator b = Fixtures.matrix(4, 5, 2);
        assertThatThrownBy(() -> a.andThen(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArraySpace[2, real]").hasMessageContaining("ArraySpace[4, real]")
                .hasMessageContaining(a.toString()).hasMessageContaining(b.toString());
        assertThatThrownBy(() -> b.compose(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArraySpace[2, real]").hasMessageContaining("ArraySpace[4, real]");
        assertThatThrownBy(() -> a.plus(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArraySpace[3, real]").hasMessageContaining("ArraySpace[5, real]");
        assertThatThrownBy(() -> new Identity(R3).andThen(new Identity(VectorSpace.complex(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ArraySpace[3, real]")
                .hasMessageContaining("ArraySpace[3, complex]");
    }

    @Test
    void nullArgumentsGetAMessage() {
        Operator op = new Identity(R3);
        assertThatThrownBy(() -> op.apply(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null").hasMessageContaining("ArraySpace[3, real]");
        assertThatThrownBy(() -> op.andThen(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("andThen").hasMessageContaining("null");
        assertThatThrownBy(() -> op.compose(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> op.plus(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> op.minus(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> op.shift(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> op.shiftArgument(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new VectorOfOperators(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new VectorOfOperators(java.util.Arrays.asList(op, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator 1").hasMessageContaining("null");
        assertThatThrownBy(() -> new Exponential(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new Identity(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("domain").hasMessageContaining("Identity");
    }

    @Test
    void staleDerivativeThrowsIllegalStateNamingTheOperator() {
        Operator f = new Exponential(R3);
        Linearization lin = f.linearize(R3.ones());
        f.linearize(R3.zeros());
        assertThatThrownBy(() -> lin.derivative().apply(R3.ones())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale").hasMessageContaining(f.toString());
    }

    @Test
    void staleDerivativeOfAPartShowsThroughTheWhole() {
        Operator f = new Exponential(R3);
        Operator g = f.andThen(new Identity(R3));
        Linearization lin = g.linearize(R3.ones());
        f.apply(R3.zeros());
        assertThatThrownBy(() -> lin.derivative().apply(R3.ones())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void adjointOfANonlinearOperatorIsUnsupported() {
        Operator f = new Exponential(R3);
        assertThatThrownBy(f::adjoint).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("nonlinear").hasMessageContaining("linearize");
        assertThatThrownBy(() -> f.plus(new Identity(R3)).adjoint()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void composingANonlinearInstanceWithItselfIsRefusedWhenLinearized() {
        Operator f = new Exponential(R3);
        Operator ff = f.andThen(f);
        assertThat(ff.apply(R3.zeros())).containsExactly(Math.E, Math.E, Math.E);
        assertThatThrownBy(() -> ff.linearize(R3.zeros())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("composed with itself").hasMessageContaining(f.toString());
    }

    @Test
    void badScalarsAndOffsetsAreRefused() {
        Operator op = new Identity(R3);
        assertThatThrownBy(() -> op.scale(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> op.shift(new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 2").hasMessageContaining("needs 3");
    }

    @Test
    void directSumJoinNamesThePartAndTheSpace() {
        DirectSum sum = new DirectSum(R3, C2);
        assertThatThrownBy(() -> sum.join(new double[3], new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 1").hasMessageContaining("length 3").hasMessageContaining("needs 4");
        assertThatThrownBy(() -> sum.join(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 parts").hasMessageContaining("got 1");
        assertThat(new VectorOfOperators(List.of(op3())).apply(R3.randn(new Random(1)))).hasSize(3);
    }

    private static Operator op3() {
        return new Identity(R3);
    }
}
