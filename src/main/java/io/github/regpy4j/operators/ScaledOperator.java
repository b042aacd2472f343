package io.github.regpy4j.operators;

/** {@code s·F: x ↦ s·F(x)}, behind {@link Operator#scale(double)}. */
final class ScaledOperator extends Operator {

    private final Operator op;
    private final double s;
    private Operator derivative;

    ScaledOperator(Operator op, double s) {
        super(op.domain(), op.codomain(), op.isLinear());
        this.op = op;
        this.s = s;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        if (!differentiate || isLinear()) {
            return scaled(op.apply(x));
        }
        Linearization l = op.linearize(x);
        derivative = l.derivative();
        return scaled(l.value());
    }

    /** @return whether the scaled operator evaluates into an array: then so does this */
    @Override
    public boolean evaluatesInto() {
        return op.evaluatesInto();
    }

    @Override
    protected void evaluateInto(double[] x, double[] out) {
        op.applyInto(x, out);
        scaled(out);
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return scaled(isLinear() ? op.apply(h) : derivative.apply(h));
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return scaled((isLinear() ? op : derivative).adjoint().apply(y));
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] out) {
        (isLinear() ? op : derivative).adjoint().applyInto(y, out);
        scaled(out);
    }

    @Override
    public Operator scale(double t) {
        return op.scale(s * t);
    }

    private double[] scaled(double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] *= s;
        }
        return y;
    }

    @Override
    public String toString() {
        return s + "·" + op;
    }
}
