package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.vecsps.VectorSpace;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract test keeps its promise to subclasses that start expensive operators (child JVMs):
 * {@link OperatorContractTest#operator()} is called exactly once per test method, even through the
 * default {@code point} and {@code direction}.
 */
class OperatorContractSelfTest extends OperatorContractTest {

    private int calls;

    @Override
    protected Operator operator() {
        calls++;
        return new Exponential(VectorSpace.complex(3)).andThen(new SquaredModulus(VectorSpace.complex(3)));
    }

    @AfterEach
    void operatorWasBuiltOnce() {
        assertThat(calls).as("calls of operator() in one test method, seed %d", seed()).isEqualTo(1);
    }
}
