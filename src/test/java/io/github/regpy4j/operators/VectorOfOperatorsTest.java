package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VectorOfOperatorsTest {

    private static final VectorSpace R4 = VectorSpace.real(4);
    private static final VectorSpace C3 = VectorSpace.complex(3);

    @Nested
    class LinearWithACommonDomain extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new VectorOfOperators(List.of(Fixtures.matrix(3, 4, 61), new Identity(R4),
                    PointwiseMultiplication.complex(R4, Fixtures.gaussian(8, new Random(62)))));
        }
    }

    @Nested
    class NonlinearWithACommonDomain extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new VectorOfOperators(List.of(new Exponential(R4), Fixtures.matrix(2, 4, 63),
                    new Power(R4, 2).andThen(Fixtures.matrix(3, 4, 64))));
        }
    }

    @Nested
    class OneInstanceTwice extends OperatorContractTest {
        private final Operator f = new Exponential(R4);

        @Override
        protected Operator operator() {
            return new VectorOfOperators(List.of(f, Fixtures.matrix(2, 4, 65), f));
        }
    }

    @Nested
    class WithADistribution extends OperatorContractTest {
        @Override
        protected Operator operator() {
            DirectSum domain = new DirectSum(R4, C3, VectorSpace.real(2));
            boolean[][] rows = {
                {true, false, false},
                {false, true, true},
                {true, true, false},
                {false, false, true},
            };
            return new VectorOfOperators(List.of(new Exponential(R4),
                    new DirectSumOperator(new ComplexMatrixOperator(Fixtures.complexMatrix(3, 3, new Random(66)))
                            .andThen(new SquaredModulus(C3)), new Power(VectorSpace.real(2), 3)),
                    new DirectSumOperator(Fixtures.matrix(2, 4, 67), new RealPart(C3)),
                    new Identity(VectorSpace.real(2))), domain, rows);
        }
    }

    @Nested
    class LinearWithADistributionSingleComponentRows extends OperatorContractTest {
        @Override
        protected Operator operator() {
            DirectSum domain = new DirectSum(R4, C3);
            boolean[][] rows = {{true, false}, {false, true}, {true, false}};
            return new VectorOfOperators(List.of(Fixtures.matrix(2, 4, 68), new ImaginaryPart(C3), new Identity(R4)),
                    domain, rows);
        }
    }

    @Test
    void adjointAddsUpWhatEveryReaderGivesBack() {
        DirectSum domain = new DirectSum(VectorSpace.real(1), VectorSpace.real(1));
        boolean[][] rows = {{true, false}, {true, true}};
        VectorOfOperators v = new VectorOfOperators(List.of(new Identity(VectorSpace.real(1)),
                new Identity(domain)), domain, rows);
        // y = (y₀ | y₁₀, y₁₁) = (1 | 2, 3): component 0 gets 1 + 2, component 1 gets 3
        assertThat(v.adjoint().apply(new double[] {1, 2, 3})).containsExactly(new double[] {3, 3}, within(0.0));
        assertThat(v.apply(new double[] {5, 7})).containsExactly(5, 5, 7);
    }

    @Test
    void refusesADistributionThatDoesNotFit() {
        DirectSum domain = new DirectSum(R4, C3);
        assertThatThrownBy(() -> new VectorOfOperators(List.of(new Identity(R4)), domain, new boolean[][] {{false, true}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the domain " + C3)
                .hasMessageContaining("has " + R4);
        assertThatThrownBy(() -> new VectorOfOperators(List.of(new Identity(R4)), domain, new boolean[][] {{false, false}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new VectorOfOperators(List.of(new Identity(R4)), domain, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> new VectorOfOperators(List.of(new Identity(R4), new Identity(C3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(R4.toString())
                .hasMessageContaining(C3.toString());
    }

    @Test
    void oneNonlinearInstanceAtTwoPointsIsRefusedWhenLinearized() {
        Operator f = new Exponential(R4);
        DirectSum domain = new DirectSum(R4, R4);
        VectorOfOperators v = new VectorOfOperators(List.of(f, f), domain, new boolean[][] {{true, false}, {false, true}});
        double[] x = domain.randn(new Random(69));
        assertThat(v.apply(x)).hasSize(8);
        assertThatThrownBy(() -> v.linearize(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("two instances");
    }
}
