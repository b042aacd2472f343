package io.github.regpy4j.operators;

/**
 * {@code a·F + b·G}, the linear combination behind {@link Operator#plus(Operator)} and {@link
 * Operator#minus(Operator)}. Port of regpy's {@code LinearCombination} for two terms.
 */
final class Sum extends Operator {

    private final Operator first;
    private final double a;
    private final Operator second;
    private final double b;
    private Operator firstDerivative;
    private Operator secondDerivative;

    Sum(Operator first, double a, Operator second, double b) {
        super(first.domain(), first.codomain(), first.isLinear() && second.isLinear());
        if (!first.domain().equals(second.domain()) || !first.codomain().equals(second.codomain())) {
            throw new IllegalArgumentException("cannot add " + first + " and " + second + ": domains "
                    + first.domain() + " and " + second.domain() + ", codomains " + first.codomain() + " and "
                    + second.codomain() + " must be equal");
        }
        this.first = first;
        this.a = a;
        this.second = second;
        this.b = b;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        if (!differentiate || isLinear()) {
            return combine(first.apply(x), second.apply(x));
        }
        // One instance on both sides keeps one linearization; linearizing it twice would revoke the first.
        Linearization f = first.linearize(x);
        Linearization g = second == first ? new Linearization(f.value().clone(), f.derivative()) : second.linearize(x);
        firstDerivative = f.derivative();
        secondDerivative = g.derivative();
        return combine(f.value(), g.value());
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        if (isLinear()) {
            return evaluate(h, false);
        }
        return combine(firstDerivative.apply(h), secondDerivative.apply(h));
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        Operator f = isLinear() ? first : firstDerivative;
        Operator g = isLinear() ? second : secondDerivative;
        return combine(f.adjoint().apply(y), g.adjoint().apply(y));
    }

    private double[] combine(double[] u, double[] v) {
        for (int k = 0; k < u.length; k++) {
            u[k] = a * u[k] + b * v[k];
        }
        return u;
    }

    @Override
    public String toString() {
        return "Sum[" + a + "·" + first + " + " + b + "·" + second + "]";
    }
}
