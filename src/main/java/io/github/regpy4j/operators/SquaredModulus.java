package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The pointwise squared modulus {@code F(z) = |z|²} from a complex space to its real twin,
 * nonlinear. Port of regpy's {@code regpy.operators.SquaredModulus}.
 *
 * <pre>
 *   F(z)ₖ = re(zₖ)² + im(zₖ)²,   (F'(z) h)ₖ = 2·Re(conj(zₖ)·hₖ),   (F'(z)* y)ₖ = 2·zₖ·yₖ
 * </pre>
 */
public final class SquaredModulus extends Operator {

    /** The point of the last linearization, a private copy. */
    private double[] point;

    /**
     * @param domain {@code X}, a complex space; the codomain is {@link VectorSpace#toReal()}
     * @throws IllegalArgumentException if the domain is not complex
     */
    public SquaredModulus(VectorSpace domain) {
        super(Layouts.requireAllComplex(domain, "SquaredModulus"), domain.toReal(), false);
    }

    @Override
    protected double[] evaluate(double[] z, boolean differentiate) {
        double[] y = new double[z.length / 2];
        for (int k = 0; k < y.length; k++) {
            double a = z[2 * k], b = z[2 * k + 1];
            y[k] = a * a + b * b;
        }
        if (differentiate) {
            point = z.clone();
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        double[] z = point;
        double[] out = new double[h.length / 2];
        for (int k = 0; k < out.length; k++) {
            out[k] = 2 * (z[2 * k] * h[2 * k] + z[2 * k + 1] * h[2 * k + 1]);
        }
        return out;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] z = point;
        double[] out = new double[2 * y.length];
        for (int k = 0; k < y.length; k++) {
            out[2 * k] = 2 * z[2 * k] * y[k];
            out[2 * k + 1] = 2 * z[2 * k + 1] * y[k];
        }
        return out;
    }

    @Override
    public String toString() {
        return "SquaredModulus[" + domain() + "]";
    }
}
