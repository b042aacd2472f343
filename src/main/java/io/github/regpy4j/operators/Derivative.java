package io.github.regpy4j.operators;

/**
 * The derivative {@code F'(x)} of a nonlinear operator at the point it was last linearized at.
 * Port of regpy's {@code Derivative}: it is revoked when its operator is evaluated again.
 */
final class Derivative extends Operator {

    private final Operator parent;
    private final long madeAt;

    Derivative(Operator parent, long madeAt) {
        super(parent.domain(), parent.codomain(), true);
        this.parent = parent;
        this.madeAt = madeAt;
    }

    @Override
    protected double[] evaluate(double[] h, boolean differentiate) {
        requireCurrent();
        return parent.derivativeOf(h);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        requireCurrent();
        return parent.adjointOf(y);
    }

    /** @return whether the operator's derivative writes into given arrays ({@link Operator#derivativeEvaluatesInto()}) */
    @Override
    public boolean evaluatesInto() {
        return parent.derivativeEvaluatesInto();
    }

    @Override
    protected void evaluateInto(double[] h, double[] out) {
        requireCurrent();
        parent.applyDerivativeInto(h, out);
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] out) {
        requireCurrent();
        parent.applyAdjointInto(y, out);
    }

    @Override
    protected double[] applyNormal(double[] h) {
        requireCurrent();
        return parent.normalOf(h);
    }

    @Override
    protected void applyNormalInto(double[] h, double[] out) {
        requireCurrent();
        parent.applyNormalInto(h, out);
    }

    private void requireCurrent() {
        if (!parent.isCurrent(madeAt)) {
            throw new IllegalStateException("this derivative of " + parent
                    + " is stale: the operator was evaluated or linearized again since; linearize again");
        }
    }

    @Override
    public String toString() {
        return "Derivative[" + parent + "]";
    }
}
