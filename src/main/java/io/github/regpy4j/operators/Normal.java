package io.github.regpy4j.operators;

/**
 * The normal operator {@code F*F} of a linear operator, as {@link Operator#normal()} returns it:
 * self-adjoint, and computed by {@code F}'s own {@link Operator#applyNormal(double[])}, so that
 * an operator that can do both halves in one place (a parallel one, in its workers) does.
 */
final class Normal extends Operator {

    private final Operator op;

    Normal(Operator op) {
        super(op.domain(), op.domain(), true);
        this.op = op;
    }

    @Override
    protected double[] evaluate(double[] h, boolean differentiate) {
        return op.normalOf(h);
    }

    @Override
    protected double[] applyAdjoint(double[] h) {
        return op.normalOf(h);
    }

    /**
     * @return whether the operator evaluates into arrays. Its normal operator then keeps no
     *     reference to the arrays it is given either; it writes straight into them when the
     *     operator overrides {@link Operator#applyNormalInto} (the parallel operators do), and
     *     otherwise copies a fresh {@code T*T h} into them
     */
    @Override
    public boolean evaluatesInto() {
        return op.evaluatesInto();
    }

    @Override
    protected void evaluateInto(double[] h, double[] out) {
        op.applyNormalInto(h, out);
    }

    @Override
    protected void applyAdjointInto(double[] h, double[] out) {
        op.applyNormalInto(h, out);
    }

    @Override
    public Operator adjoint() {
        return this;
    }

    @Override
    public String toString() {
        return "Normal[" + op + "]";
    }
}
