package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ZeroTest {

    @Nested
    class Square extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Zero(VectorSpace.real(5));
        }
    }

    @Nested
    class FromRealToComplex extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Zero(VectorSpace.real(5), VectorSpace.complex(2, 3));
        }
    }

    @Test
    void mapsEverythingToZero() {
        Zero z = new Zero(VectorSpace.real(4), VectorSpace.complex(3));
        assertThat(z.apply(VectorSpace.real(4).randn(new Random(1)))).containsOnly(0.0).hasSize(6);
        assertThat(z.adjoint().apply(VectorSpace.complex(3).ones())).containsOnly(0.0).hasSize(4);
    }
}
