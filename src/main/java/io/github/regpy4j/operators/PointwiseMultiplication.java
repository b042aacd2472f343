package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * Pointwise multiplication {@code M_w: x ↦ w ⊙ x} by fixed real or complex weights. Port of
 * regpy's {@code regpy.operators.PtwMultiplication}.
 *
 * <p>Linear. The adjoint is taken with respect to the real inner product {@code Re⟨·,·⟩}:
 *
 * <pre>
 *   weights   domain    codomain          F x               F* y
 *   real      real      domain            wₖ·xₖ             wₖ·yₖ
 *   real      complex   domain            wₖ·xₖ             wₖ·yₖ
 *   complex   complex   domain            wₖ·xₖ             conj(wₖ)·yₖ
 *   complex   real      domain complexified  wₖ·xₖ          Re(conj(wₖ)·yₖ)
 * </pre>
 *
 * <p>Real weights hold one {@code double} per entry of the domain ({@code domain.size()} of
 * them); complex weights are interleaved ({@code 2·domain.size()} doubles), as the elements of a
 * complex space are.
 */
public final class PointwiseMultiplication extends Operator {

    private final double[] weights;
    private final boolean complexWeights;

    private PointwiseMultiplication(VectorSpace domain, VectorSpace codomain, double[] weights,
            boolean complexWeights) {
        super(domain, codomain, true);
        this.weights = weights;
        this.complexWeights = complexWeights;
    }

    /**
     * Multiplication by real weights on a real or complex space.
     *
     * @param domain {@code X}, whose entries are all real or all complex; also the codomain
     * @param weights {@code w}, one per entry of {@code X} ({@code domain.size()} of them). Not
     *     modified (copied).
     * @return {@code x ↦ w ⊙ x}
     * @throws IllegalArgumentException if the weights have the wrong length or the domain mixes
     *     real and complex summands
     */
    public static PointwiseMultiplication real(VectorSpace domain, double[] weights) {
        Layouts.requireUniform(domain, "PointwiseMultiplication");
        requireWeights(weights, domain.size(), "real weights, one per entry of " + domain);
        return new PointwiseMultiplication(domain, domain, weights.clone(), false);
    }

    /**
     * Multiplication by complex weights. On a complex space the codomain is the domain; on a real
     * space it is the complexified domain ({@link VectorSpace#toComplex()}), as in regpy.
     *
     * @param domain {@code X}, whose entries are all real or all complex
     * @param weights {@code w}, interleaved {@code [re(w₀), im(w₀), re(w₁), …]}, {@code
     *     2·domain.size()} doubles. Not modified (copied).
     * @return {@code x ↦ w ⊙ x}
     * @throws IllegalArgumentException if the weights have the wrong length or the domain mixes
     *     real and complex summands
     */
    public static PointwiseMultiplication complex(VectorSpace domain, double[] weights) {
        Layouts.requireUniform(domain, "PointwiseMultiplication");
        requireWeights(weights, 2 * domain.size(),
                "interleaved complex weights, two doubles per entry of " + domain);
        VectorSpace codomain = domain.isComplex() ? domain : domain.toComplex();
        return new PointwiseMultiplication(domain, codomain, weights.clone(), true);
    }

    private static void requireWeights(double[] weights, int length, String what) {
        if (weights == null) {
            throw new IllegalArgumentException("PointwiseMultiplication needs " + what + " but got null");
        }
        if (weights.length != length) {
            throw new IllegalArgumentException("PointwiseMultiplication needs " + length + " " + what
                    + " but got " + weights.length);
        }
    }

    /** @return a copy of the weights, in the layout they were given in */
    public double[] weights() {
        return weights.clone();
    }

    /** @return whether the weights are complex (interleaved) */
    public boolean hasComplexWeights() {
        return complexWeights;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[codomain().realSize()];
        evaluateInto(x, y);
        return y;
    }

    /** @return {@code true}: the products are written straight into the output array */
    @Override
    public boolean evaluatesInto() {
        return true;
    }

    @Override
    protected void evaluateInto(double[] x, double[] y) {
        if (!complexWeights) {
            multiplyByReal(x, y);
            return;
        }
        double[] w = weights;
        if (domain().isComplex()) {
            for (int k = 0; k < y.length; k += 2) {
                double a = w[k], b = w[k + 1], c = x[k], d = x[k + 1];
                y[k] = a * c - b * d;
                y[k + 1] = a * d + b * c;
            }
        } else {
            for (int k = 0; k < x.length; k++) {
                y[2 * k] = w[2 * k] * x[k];
                y[2 * k + 1] = w[2 * k + 1] * x[k];
            }
        }
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] x = new double[domain().realSize()];
        applyAdjointInto(y, x);
        return x;
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] x) {
        if (!complexWeights) {
            multiplyByReal(y, x);
            return;
        }
        double[] w = weights;
        if (domain().isComplex()) {
            for (int k = 0; k < x.length; k += 2) {
                double a = w[k], b = -w[k + 1], c = y[k], d = y[k + 1];
                x[k] = a * c - b * d;
                x[k + 1] = a * d + b * c;
            }
        } else {
            for (int k = 0; k < x.length; k++) {
                x[k] = w[2 * k] * y[2 * k] + w[2 * k + 1] * y[2 * k + 1];
            }
        }
    }

    /** Real weights act on each stored double of an entry alike (both halves of a complex one). */
    private void multiplyByReal(double[] v, double[] out) {
        if (v.length == weights.length) {
            for (int k = 0; k < v.length; k++) {
                out[k] = weights[k] * v[k];
            }
        } else {
            for (int k = 0; k < weights.length; k++) {
                out[2 * k] = weights[k] * v[2 * k];
                out[2 * k + 1] = weights[k] * v[2 * k + 1];
            }
        }
    }

    @Override
    public String toString() {
        return "PointwiseMultiplication[" + (complexWeights ? "complex" : "real") + " weights, " + domain() + " → "
                + codomain() + "]";
    }
}
