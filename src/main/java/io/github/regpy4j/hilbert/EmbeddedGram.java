package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;

/**
 * The Gram operator of {@link Hm} with a mask: the whole-grid Gram operator {@code B} seen
 * through the zero-filling embedding of the masked points. Port of regpy's
 * {@code HmDomain.gram = proj.adjoint * mat * proj}, with {@code mat = P B P*}:
 *
 * <pre>
 *   G = P* (P B P*) P = M B M,      M = P* P the multiplication by the mask
 * </pre>
 *
 * <p>{@code P} restricts to the masked points, {@code P*} extends by zero. {@code G} is
 * self-adjoint, positive semi-definite on the grid and positive definite on functions supported
 * in the mask: {@code ⟨x, G x⟩ = ⟨Mx, B Mx⟩} is the whole-grid norm of {@code x}'s masked part
 * extended by zero.
 */
final class EmbeddedGram extends SelfAdjointOperator {

    private final FourierMultiplier whole;
    private final boolean[] mask;
    private final int selected;

    /**
     * @param whole {@code B} on the grid
     * @param mask one flag per grid point, row-major. Not modified (copied).
     */
    EmbeddedGram(FourierMultiplier whole, boolean[] mask) {
        super(whole.domain());
        this.whole = whole;
        this.mask = mask.clone();
        int m = 0;
        for (boolean b : mask) {
            m += b ? 1 : 0;
        }
        this.selected = m;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = whole.apply(masked(x));
        return masked(y);
    }

    private double[] masked(double[] x) {
        double[] y = x.clone();
        int width = domain().isComplex() ? 2 : 1;
        for (int k = 0; k < mask.length; k++) {
            if (!mask[k]) {
                for (int c = 0; c < width; c++) {
                    y[width * k + c] = 0;
                }
            }
        }
        return y;
    }

    /** @return e.g. {@code EmbeddedGram[812 of UniformGrid[64x64, complex]]} */
    @Override
    public String toString() {
        return "EmbeddedGram[" + selected + " of " + domain() + "]";
    }
}
