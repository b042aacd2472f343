package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The real part {@code z ↦ Re z} from a complex space to its real twin, linear. Port of
 * regpy's {@code regpy.operators.RealPart}.
 *
 * <p>With respect to {@code Re⟨·,·⟩} the adjoint embeds a real {@code y} as {@code y + 0i}:
 * {@code ⟨Re z, y⟩ = Re⟨z, y + 0i⟩}.
 */
public final class RealPart extends Operator {

    /**
     * @param domain {@code X}, a complex space; the codomain is {@link VectorSpace#toReal()}
     * @throws IllegalArgumentException if the domain is not complex
     */
    public RealPart(VectorSpace domain) {
        super(Layouts.requireAllComplex(domain, "RealPart"), domain.toReal(), true);
    }

    @Override
    protected double[] evaluate(double[] z, boolean differentiate) {
        double[] y = new double[z.length / 2];
        for (int k = 0; k < y.length; k++) {
            y[k] = z[2 * k + 0];
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] z = new double[2 * y.length];
        for (int k = 0; k < y.length; k++) {
            z[2 * k + 0] = y[k];
        }
        return z;
    }

    @Override
    public String toString() {
        return "RealPart[" + domain() + "]";
    }
}
