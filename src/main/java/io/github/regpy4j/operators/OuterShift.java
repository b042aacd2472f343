package io.github.regpy4j.operators;

/** {@code x ↦ F(x) + y₀}, behind {@link Operator#shift(double[])}. Port of regpy's {@code OuterShift}. */
final class OuterShift extends Operator {

    private final Operator op;
    private final double[] offset;
    private Operator derivative;

    OuterShift(Operator op, double[] offset) {
        super(op.domain(), op.codomain(), false);
        this.op = op;
        this.offset = offset;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y;
        if (differentiate) {
            Linearization l = op.linearize(x);
            derivative = l.derivative();
            y = l.value();
        } else {
            y = op.apply(x);
        }
        for (int k = 0; k < y.length; k++) {
            y[k] += offset[k];
        }
        return y;
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
        return "OuterShift[" + op + "]";
    }
}
