package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PointwiseMultiplicationTest {

    /** A few ulps of the values, which are of order 1. */
    private static final double TOLERANCE = 1e-15;

    @Nested
    class RealWeightsOnARealSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return PointwiseMultiplication.real(VectorSpace.real(2, 3), Fixtures.gaussian(6, new Random(31)));
        }
    }

    @Nested
    class RealWeightsOnAComplexSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return PointwiseMultiplication.real(VectorSpace.complex(5), Fixtures.gaussian(5, new Random(32)));
        }
    }

    @Nested
    class ComplexWeightsOnAComplexSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return PointwiseMultiplication.complex(VectorSpace.complex(5), Fixtures.gaussian(10, new Random(33)));
        }
    }

    @Nested
    class ComplexWeightsOnARealSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return PointwiseMultiplication.complex(VectorSpace.real(4), Fixtures.gaussian(8, new Random(34)));
        }
    }

    @Test
    void complexWeightsMultiplyEntriesAsComplexNumbers() {
        // w = (1 + 2i, −i), x = (3 − i, 2 + 5i): w·x = (5 + 5i, 5 − 2i)
        Operator op = PointwiseMultiplication.complex(VectorSpace.complex(2), new double[] {1, 2, 0, -1});
        assertThat(op.apply(new double[] {3, -1, 2, 5})).containsExactly(new double[] {5, 5, 5, -2}, within(TOLERANCE));
        // conj(w)·y with y = (1, i): (1 − 2i, −1)
        assertThat(op.adjoint().apply(new double[] {1, 0, 0, 1})).containsExactly(new double[] {1, -2, -1, 0},
                within(TOLERANCE));
    }

    @Test
    void complexWeightsOnARealSpaceMapIntoItsComplexTwin() {
        Operator op = PointwiseMultiplication.complex(VectorSpace.real(2), new double[] {1, 2, 0, -1});
        assertThat(op.codomain()).isEqualTo(VectorSpace.complex(2));
        assertThat(op.apply(new double[] {3, 4})).containsExactly(new double[] {3, 6, 0, -4}, within(0.0));
    }

    @Test
    void refusesWeightsOfTheWrongLengthAndMixedSpaces() {
        assertThatThrownBy(() -> PointwiseMultiplication.real(VectorSpace.complex(3), new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 3").hasMessageContaining("got 6");
        assertThatThrownBy(() -> PointwiseMultiplication.complex(VectorSpace.real(3), new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6").hasMessageContaining("got 3");
        assertThatThrownBy(() -> PointwiseMultiplication.real(VectorSpace.real(3), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        DirectSum mixed = new DirectSum(VectorSpace.real(2), VectorSpace.complex(2));
        assertThatThrownBy(() -> PointwiseMultiplication.real(mixed, new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mixed.toString());
    }

    @Test
    void keepsItsOwnCopyOfTheWeights() {
        double[] w = {2, 3};
        PointwiseMultiplication op = PointwiseMultiplication.real(VectorSpace.real(2), w);
        w[0] = 100;
        op.weights()[1] = 100;
        assertThat(op.apply(new double[] {1, 1})).containsExactly(2, 3);
    }
}
