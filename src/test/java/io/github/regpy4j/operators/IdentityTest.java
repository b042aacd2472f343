package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import org.junit.jupiter.api.Nested;

class IdentityTest {

    @Nested
    class OnARealSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Identity(VectorSpace.real(7));
        }
    }

    @Nested
    class OnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new Identity(VectorSpace.complex(3, 4));
        }
    }
}
