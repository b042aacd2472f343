package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The pointwise power {@code F(x) = x^p} on a real space, nonlinear. Port of regpy's {@code
 * regpy.operators.Power}.
 *
 * <pre>
 *   F(x)ₖ = xₖ^p,   (F'(x) h)ₖ = p·xₖ^(p−1)·hₖ,   (F'(x)* y)ₖ = p·xₖ^(p−1)·yₖ
 * </pre>
 *
 * <p>Powers follow {@link Math#pow(double, double)}: a non-integer exponent of a negative entry
 * gives {@code NaN}, so such operators want positive arguments.
 */
public final class Power extends Operator {

    private final double exponent;
    /** {@code p·x^(p−1)} at the point of the last linearization. */
    private double[] factor;

    /**
     * @param domain {@code X}, a real space; also the codomain
     * @param exponent {@code p}, finite
     * @throws IllegalArgumentException if the domain is not real or the exponent not finite
     */
    public Power(VectorSpace domain, double exponent) {
        super(Layouts.requireAllReal(domain, "Power"), domain, false);
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("Power needs a finite exponent but got " + exponent);
        }
        this.exponent = exponent;
    }

    /** @return the exponent {@code p} */
    public double exponent() {
        return exponent;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = Math.pow(x[k], exponent);
        }
        if (differentiate) {
            double[] f = new double[x.length];
            if (exponent != 0) {
                for (int k = 0; k < x.length; k++) {
                    f[k] = exponent * Math.pow(x[k], exponent - 1);
                }
            }
            factor = f;
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return multiply(factor, h);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return multiply(factor, y);
    }

    private static double[] multiply(double[] f, double[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = f[k] * v[k];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Power[x^" + exponent + " on " + domain() + "]";
    }
}
