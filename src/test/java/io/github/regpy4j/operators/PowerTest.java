package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PowerTest {

    @Nested
    class Cube extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Power(VectorSpace.real(6), 3);
        }
    }

    @Nested
    class SquareRootOfPositiveInput extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Power(VectorSpace.real(2, 3), 0.5);
        }

        @Override
        protected double[] point(Random rng) {
            return Fixtures.positive(6, rng);
        }

        @Override
        protected double[] direction(Random rng) {
            // |0.1·h| < 1 ≤ x: x + t·h stays positive.
            double[] h = Fixtures.gaussian(6, rng);
            for (int k = 0; k < h.length; k++) {
                h[k] = Math.max(-5, Math.min(5, h[k]));
            }
            return h;
        }
    }

    @Test
    void computesPowersAndTheirDerivative() {
        Power p = new Power(VectorSpace.real(2), 3);
        Linearization lin = p.linearize(new double[] {2, -1});
        assertThat(lin.value()).containsExactly(8, -1);
        assertThat(lin.derivative().apply(new double[] {1, 1})).containsExactly(new double[] {12, 3}, within(0.0));
        assertThat(new Power(VectorSpace.real(1), 0).linearize(new double[] {0}).derivative().apply(new double[] {1}))
                .containsExactly(0.0);
    }

    @Test
    void refusesComplexSpacesAndInfiniteExponents() {
        assertThatThrownBy(() -> new Power(VectorSpace.complex(2), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("real space").hasMessageContaining("complex");
        assertThatThrownBy(() -> new Power(VectorSpace.real(2), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
