package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The imaginary part {@code z ↦ Im z} from a complex space to its real twin, linear. Port of
 * regpy's {@code regpy.operators.ImaginaryPart}.
 *
 * <p>With respect to {@code Re⟨·,·⟩} the adjoint embeds a real {@code y} as {@code 0 + i·y}:
 * {@code ⟨Im z, y⟩ = Re⟨z, 0 + i·y⟩}.
 */
public final class ImaginaryPart extends Operator {

    /**
     * @param domain {@code X}, a complex space; the codomain is {@link VectorSpace#toReal()}
     * @throws IllegalArgumentException if the domain is not complex
     */
    public ImaginaryPart(VectorSpace domain) {
        super(Layouts.requireAllComplex(domain, "ImaginaryPart"), domain.toReal(), true);
    }

    @Override
    protected double[] evaluate(double[] z, boolean differentiate) {
        double[] y = new double[z.length / 2];
        for (int k = 0; k < y.length; k++) {
            y[k] = z[2 * k + 1];
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] z = new double[2 * y.length];
        for (int k = 0; k < y.length; k++) {
            z[2 * k + 1] = y[k];
        }
        return z;
    }

    @Override
    public String toString() {
        return "ImaginaryPart[" + domain() + "]";
    }
}
