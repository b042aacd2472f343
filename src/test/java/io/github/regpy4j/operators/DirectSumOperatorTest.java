package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DirectSumOperatorTest {

    /** A few ulps of the values, which are of order 1. */
    private static final double TOLERANCE = 1e-15;

    @Nested
    class LinearBlocks extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new DirectSumOperator(Fixtures.matrix(3, 2, 71), Fixtures.complexMatrix(2, 2, 72),
                    new RealPart(VectorSpace.complex(3)));
        }
    }

    @Nested
    class NonlinearNestedBlocks extends OperatorContractTest {
        @Override
        protected Operator operator() {
            Operator inner = new DirectSumOperator(new Exponential(VectorSpace.complex(2)), new Power(VectorSpace.real(3), 2));
            return new DirectSumOperator(inner, Fixtures.matrix(2, 3, 73), new SquaredModulus(VectorSpace.complex(2)));
        }
    }

    @Test
    void actsBlockByBlock() {
        DirectSumOperator op = new DirectSumOperator(new Identity(VectorSpace.real(1)),
                PointwiseMultiplication.real(VectorSpace.real(2), new double[] {2, 3}));
        assertThat(op.domain()).isEqualTo(new DirectSum(VectorSpace.real(1), VectorSpace.real(2)));
        assertThat(op.apply(new double[] {1, 1, 1})).containsExactly(new double[] {1, 2, 3}, within(0.0));
        assertThat(op.blocks()).hasSize(2);
    }

    @Test
    void refusesNoBlocksAndNullBlocks() {
        assertThatThrownBy(() -> new DirectSumOperator()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one block");
        assertThatThrownBy(() -> new DirectSumOperator(new Identity(VectorSpace.real(1)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 1");
    }

    @Test
    void sharesOneLinearizationWhenOneInstanceSeesTheSamePart() {
        Operator f = new Exponential(VectorSpace.real(2));
        DirectSumOperator op = new DirectSumOperator(f, f);
        Linearization lin = op.linearize(new double[] {0, 1, 0, 1});
        assertThat(lin.derivative().apply(new double[] {1, 1, 1, 1}))
                .containsExactly(new double[] {1, Math.E, 1, Math.E}, within(TOLERANCE));
        assertThatThrownBy(() -> op.linearize(new double[] {0, 1, 0, 2})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("positions 0 and 1");
        assertThat(op.apply(new Random(1).doubles(4).toArray())).hasSize(4);
    }
}
