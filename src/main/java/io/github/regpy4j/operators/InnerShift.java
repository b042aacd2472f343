package io.github.regpy4j.operators;

/** {@code x ↦ F(x − x₀)}, behind {@link Operator#shiftArgument(double[])}. Port of regpy's {@code InnerShift}. */
final class InnerShift extends Operator {

    private final Operator op;
    private final double[] offset;
    private Operator derivative;

    InnerShift(Operator op, double[] offset) {
        super(op.domain(), op.codomain(), false);
        this.op = op;
        this.offset = offset;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] shifted = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            shifted[k] = x[k] - offset[k];
        }
        if (!differentiate) {
            return op.apply(shifted);
        }
        Linearization l = op.linearize(shifted);
        derivative = l.derivative();
        return l.value();
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return derivative.apply(h);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return derivative.adjoint().apply(y);
    }

    @Override
    public String toString() {
        return "InnerShift[" + op + "]";
    }
}
