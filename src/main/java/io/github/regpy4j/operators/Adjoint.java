package io.github.regpy4j.operators;

/** The adjoint {@code F*} of a linear operator, as {@link Operator#adjoint()} returns it. */
final class Adjoint extends Operator {

    private final Operator op;

    Adjoint(Operator op) {
        super(op.codomain(), op.domain(), true);
        this.op = op;
    }

    @Override
    protected double[] evaluate(double[] y, boolean differentiate) {
        return op.adjointOf(y);
    }

    /** @return whether the operator's adjoint writes into an array: then so does this */
    @Override
    public boolean evaluatesInto() {
        return op.evaluatesInto();
    }

    @Override
    protected void evaluateInto(double[] y, double[] out) {
        op.applyAdjointInto(y, out);
    }

    @Override
    protected double[] applyAdjoint(double[] x) {
        return op.derivativeOf(x);
    }

    @Override
    public Operator adjoint() {
        return op;
    }

    @Override
    public String toString() {
        return "Adjoint[" + op + "]";
    }
}
