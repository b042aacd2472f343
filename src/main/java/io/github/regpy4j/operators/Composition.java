package io.github.regpy4j.operators;

/**
 * {@code G ∘ F: x ↦ G(F(x))}, with the chain rule {@code (G∘F)'(x) = G'(F(x))·F'(x)} and
 * {@code (G∘F)'(x)* = F'(x)*·G'(F(x))*}. Port of regpy's {@code Composition}.
 */
final class Composition extends Operator {

    private final Operator outer;
    private final Operator inner;
    private Operator outerDerivative;
    private Operator innerDerivative;

    Composition(Operator outer, Operator inner) {
        super(inner.domain(), outer.codomain(), outer.isLinear() && inner.isLinear());
        if (!inner.codomain().equals(outer.domain())) {
            throw new IllegalArgumentException("cannot compose: the inner operator " + inner + " maps into "
                    + inner.codomain() + " but the outer operator " + outer + " needs " + outer.domain());
        }
        this.outer = outer;
        this.inner = inner;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        if (!differentiate || isLinear()) {
            return outer.apply(inner.apply(x));
        }
        if (outer == inner) {
            throw new IllegalStateException("cannot linearize " + this + ": the nonlinear operator " + inner
                    + " is composed with itself, and linearizing it at F(x) revokes its derivative at x;"
                    + " compose two instances instead");
        }
        Linearization in = inner.linearize(x);
        Linearization out = outer.linearize(in.value());
        innerDerivative = in.derivative();
        outerDerivative = out.derivative();
        return out.value();
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        if (isLinear()) {
            return evaluate(h, false);
        }
        return outerDerivative.apply(innerDerivative.apply(h));
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        if (isLinear()) {
            return inner.adjoint().apply(outer.adjoint().apply(y));
        }
        return innerDerivative.adjoint().apply(outerDerivative.adjoint().apply(y));
    }

    @Override
    public String toString() {
        return "Composition[" + outer + " ∘ " + inner + "]";
    }
}
