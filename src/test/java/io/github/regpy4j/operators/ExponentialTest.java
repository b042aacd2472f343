package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.VectorSpace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExponentialTest {

    /** A few ulps of the values, which are of order 1. */
    private static final double TOLERANCE = 1e-15;

    @Nested
    class Real extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Exponential(VectorSpace.real(7));
        }
    }

    @Nested
    class Complex extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Exponential(VectorSpace.complex(2, 3));
        }
    }

    @Test
    void complexExponentialFollowsEuler() {
        double[] y = new Exponential(VectorSpace.complex(1)).apply(new double[] {1, Math.PI / 2});
        assertThat(y).containsExactly(new double[] {0, Math.E}, within(TOLERANCE));
    }

    @Test
    void derivativeValueIsACopyTheCallerMayModify() {
        Exponential e = new Exponential(VectorSpace.real(2));
        Linearization lin = e.linearize(new double[] {0, 1});
        lin.value()[0] = 1e9;
        assertThat(lin.derivative().apply(new double[] {1, 1})).containsExactly(new double[] {1, Math.E}, within(TOLERANCE));
    }
}
