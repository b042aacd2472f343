package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import java.lang.reflect.Constructor;

/**
 * An operator that is built from an {@link OperatorFactory} class in whichever JVM evaluates it.
 * Only the factory's class name and the declared spaces travel to a worker; the worker builds the
 * real operator once, when it receives it, and checks it against what was declared.
 *
 * <p>Use it for operators that cannot be serialized:
 *
 * <pre>{@code
 * Operator op = new FactoryOperator(NativeSolverFactory.class, domain, codomain, false);
 * try (var parallel = new ParallelVectorOfOperators(List.of(op, op2))) { ... }
 * }</pre>
 *
 * In the JVM that creates it, it builds its operator lazily, on first use.
 */
public final class FactoryOperator extends Operator {

    private final String factoryClassName;
    /** Built where the operator is used; never travels. */
    private transient Operator delegate;
    private transient Operator derivative;

    /**
     * @param factory a class with a public no-arg constructor
     * @param domain the domain the built operator must have
     * @param codomain the codomain the built operator must have
     * @param linear whether the built operator is linear
     */
    public FactoryOperator(Class<? extends OperatorFactory> factory, VectorSpace domain, VectorSpace codomain,
            boolean linear) {
        super(domain, codomain, linear);
        if (factory == null) {
            throw new IllegalArgumentException("the factory class of a FactoryOperator is null");
        }
        this.factoryClassName = factory.getName();
    }

    /** @return the name of the factory class */
    public String factoryClassName() {
        return factoryClassName;
    }

    /**
     * Builds the operator now (once), if it was not built yet.
     *
     * @return the built operator
     * @throws IllegalStateException if the factory cannot be loaded or instantiated, or builds an
     *     operator whose spaces or linearity differ from the declared ones
     */
    public synchronized Operator build() {
        if (delegate != null) {
            return delegate;
        }
        Operator built;
        try {
            Class<?> c = Class.forName(factoryClassName, true, loader());
            if (!OperatorFactory.class.isAssignableFrom(c)) {
                throw new IllegalStateException(factoryClassName + " does not implement " + OperatorFactory.class.getName());
            }
            Constructor<?> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            built = ((OperatorFactory) ctor.newInstance()).create();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot build an operator from factory " + factoryClassName + ": " + e, e);
        }
        if (built == null) {
            throw new IllegalStateException("factory " + factoryClassName + " returned null");
        }
        if (!built.domain().equals(domain()) || !built.codomain().equals(codomain()) || built.isLinear() != isLinear()) {
            throw new IllegalStateException("factory " + factoryClassName + " built " + built + " (linear: "
                    + built.isLinear() + ") but was declared as " + domain() + " → " + codomain() + " (linear: "
                    + isLinear() + ")");
        }
        delegate = built;
        return built;
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : FactoryOperator.class.getClassLoader();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        Operator op = build();
        if (!differentiate || isLinear()) {
            return op.apply(x);
        }
        Linearization l = op.linearize(x);
        derivative = l.derivative();
        return l.value();
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return isLinear() ? build().apply(h) : derivative.apply(h);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return (isLinear() ? build() : derivative).adjoint().apply(y);
    }

    @Override
    public String toString() {
        return "FactoryOperator[" + factoryClassName + ": " + domain() + " → " + codomain() + "]";
    }
}
