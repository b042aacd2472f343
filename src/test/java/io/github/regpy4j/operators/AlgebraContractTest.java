package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;

/** The contract for what the operator algebra builds, linear and nonlinear. */
class AlgebraContractTest {

    private static final VectorSpace R5 = VectorSpace.real(5);

    private static Operator nonlinear() {
        return Fixtures.matrix(5, 4, 41).andThen(new Exponential(R5));
    }

    @Nested
    class LinearComposition extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.matrix(3, 5, 42).compose(Fixtures.matrix(5, 4, 43));
        }
    }

    @Nested
    class NonlinearComposition extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Power(R5, 2).compose(new Exponential(R5)).compose(Fixtures.matrix(5, 4, 44)).andThen(
                    Fixtures.matrix(3, 5, 45));
        }
    }

    @Nested
    class ComplexChain extends OperatorContractTest {
        @Override
        protected Operator operator() {
            VectorSpace c3 = VectorSpace.complex(3);
            return Fixtures.complexMatrix(3, 4, 46).andThen(new Exponential(c3)).andThen(new SquaredModulus(c3));
        }
    }

    @Nested
    class LinearSum extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.matrix(3, 4, 47).plus(Fixtures.matrix(3, 4, 48));
        }
    }

    @Nested
    class NonlinearDifference extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return nonlinear().minus(Fixtures.matrix(5, 4, 49).andThen(new Power(R5, 3)));
        }
    }

    @Nested
    class SumOfOneInstanceWithItself extends OperatorContractTest {
        private final Operator f = nonlinear();

        @Override
        protected Operator operator() {
            return f.plus(f);
        }
    }

    @Nested
    class ScaledLinear extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.matrix(3, 4, 50).scale(-2.5).scale(0.5);
        }
    }

    @Nested
    class NegatedNonlinear extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return nonlinear().negate();
        }
    }

    @Nested
    class ShiftedInTheCodomain extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return nonlinear().shift(R5.randn(new Random(51)));
        }
    }

    @Nested
    class ShiftedLinearIsAffine extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.matrix(3, 4, 52).shift(VectorSpace.real(3).randn(new Random(53)));
        }
    }

    @Nested
    class ShiftedInTheArgument extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return nonlinear().shiftArgument(VectorSpace.real(4).randn(new Random(54)));
        }
    }

    @Nested
    class AdjointAsAnOperator extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.complexMatrix(3, 5, 55).adjoint();
        }
    }

    @Nested
    class DerivativeAsAnOperator extends OperatorContractTest {
        @Override
        protected Operator operator() {
            Operator f = nonlinear();
            return f.linearize(VectorSpace.real(4).randn(new Random(56))).derivative();
        }
    }

    @Nested
    class AdjointOfADerivative extends OperatorContractTest {
        @Override
        protected Operator operator() {
            Operator f = new SquaredModulus(VectorSpace.complex(4));
            return f.linearize(VectorSpace.complex(4).randn(new Random(57))).derivative().adjoint();
        }
    }
}
