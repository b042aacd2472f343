package io.github.regpy4j.operators;

/**
 * Builds an operator where it is needed: for operators that hold what cannot be copied to
 * another JVM (native handles, open files, thread pools). An implementation needs a public
 * no-arg constructor; {@link FactoryOperator} names it, and each worker calls it once.
 */
@FunctionalInterface
public interface OperatorFactory {

    /** @return a new operator; called once per JVM that uses it */
    Operator create();
}
