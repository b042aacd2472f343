package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The pointwise exponential {@code F(x) = exp(x)} on a real or complex space, nonlinear. Port of
 * regpy's {@code regpy.operators.Exponential}.
 *
 * <pre>
 *   F(x)ₖ = exp(xₖ),   (F'(x) h)ₖ = exp(xₖ)·hₖ,   (F'(x)* y)ₖ = conj(exp(xₖ))·yₖ
 * </pre>
 *
 * <p>For complex entries {@code exp(a + ib) = eᵃ·(cos b + i sin b)}; the adjoint is taken with
 * respect to {@code Re⟨·,·⟩}, hence the conjugate.
 */
public final class Exponential extends Operator {

    /** {@code exp(x)} at the point of the last linearization, a private copy. */
    private double[] factor;

    /**
     * @param domain {@code X}, whose entries are all real or all complex; also the codomain
     * @throws IllegalArgumentException if the domain mixes real and complex summands
     */
    public Exponential(VectorSpace domain) {
        super(Layouts.requireUniform(domain, "Exponential"), domain, false);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[x.length];
        if (domain().isComplex()) {
            for (int k = 0; k < x.length; k += 2) {
                double r = Math.exp(x[k]);
                y[k] = r * Math.cos(x[k + 1]);
                y[k + 1] = r * Math.sin(x[k + 1]);
            }
        } else {
            for (int k = 0; k < x.length; k++) {
                y[k] = Math.exp(x[k]);
            }
        }
        if (differentiate) {
            factor = y.clone();
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return multiply(h, false);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return multiply(y, true);
    }

    private double[] multiply(double[] v, boolean conjugate) {
        double[] e = factor;
        double[] out = new double[v.length];
        if (domain().isComplex()) {
            double sign = conjugate ? -1 : 1;
            for (int k = 0; k < v.length; k += 2) {
                double a = e[k], b = sign * e[k + 1], c = v[k], d = v[k + 1];
                out[k] = a * c - b * d;
                out[k + 1] = a * d + b * c;
            }
        } else {
            for (int k = 0; k < v.length; k++) {
                out[k] = e[k] * v[k];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Exponential[" + domain() + "]";
    }
}
