package io.github.regpy4j.readme;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.vecsps.VectorSpace;

/** The documented example operator keeps the contract it documents. */
class SquareTest extends OperatorContractTest {

    @Override
    protected Operator operator() {
        return new Square(VectorSpace.real(5));
    }
}
