package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * Restriction of a real or complex space to the entries a boolean mask selects: a sampling
 * pattern. Port of regpy's {@code CoordinateProjection} (which regpy's MRI code calls
 * {@code cartesian_sampling}).
 *
 * <p>For a domain {@code X} of {@code N} entries (flattened in row-major order) and a mask
 * selecting the entries {@code j₀ < j₁ < … < j_{m−1}}:
 *
 * <pre>
 *   P: X → ℂ^m (or ℝ^m),   (P x)[i] = x[jᵢ]
 *   P*: ℂ^m → X,           (P* y)[jᵢ] = y[i], every other entry 0     (zero-filled embedding)
 * </pre>
 *
 * <p>The codomain is the 1-D {@code ArraySpace[m]} with the domain's field (real or complex).
 * {@code P P* = I}, and {@code P* P} zeroes the unselected entries.
 */
public final class CoordinateMask extends Operator {

    /** The selected entries, increasing, as entry (not array) indices. */
    private final int[] selected;

    /**
     * @param domain the space to sample, real or complex
     * @param mask one flag per entry of {@code domain} in row-major order ({@code domain.size()}
     *     flags), at least one true. Not modified (copied).
     * @throws IllegalArgumentException if the mask has the wrong length or selects nothing
     */
    public CoordinateMask(VectorSpace domain, boolean[] mask) {
        super(domain, codomainFor(domain, mask), true);
        this.selected = selectedEntries(mask);
    }

    private static VectorSpace codomainFor(VectorSpace domain, boolean[] mask) {
        if (domain == null) {
            throw new IllegalArgumentException("the domain of a CoordinateMask is null");
        }
        if (mask == null || mask.length != domain.size()) {
            throw new IllegalArgumentException("the mask of a CoordinateMask on " + domain + " needs "
                    + domain.size() + " entries but has " + (mask == null ? "none (null)" : mask.length));
        }
        int m = selectedEntries(mask).length;
        if (m == 0) {
            throw new IllegalArgumentException("the mask of a CoordinateMask on " + domain
                    + " needs at least one true entry but selects none");
        }
        return domain.isComplex() ? VectorSpace.complex(m) : VectorSpace.real(m);
    }

    private static int[] selectedEntries(boolean[] mask) {
        int m = 0;
        for (boolean b : mask) {
            if (b) {
                m++;
            }
        }
        int[] s = new int[m];
        int at = 0;
        for (int j = 0; j < mask.length; j++) {
            if (mask[j]) {
                s[at++] = j;
            }
        }
        return s;
    }

    /** @return the number {@code m} of selected entries */
    public int selectedCount() {
        return selected.length;
    }

    /** @return a fresh copy of the mask, one flag per entry of the domain in row-major order */
    public boolean[] mask() {
        boolean[] mask = new boolean[domain().size()];
        for (int j : selected) {
            mask[j] = true;
        }
        return mask;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = codomain().zeros();
        if (domain().isComplex()) {
            for (int i = 0; i < selected.length; i++) {
                y[2 * i] = x[2 * selected[i]];
                y[2 * i + 1] = x[2 * selected[i] + 1];
            }
        } else {
            for (int i = 0; i < selected.length; i++) {
                y[i] = x[selected[i]];
            }
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] x = domain().zeros();
        if (domain().isComplex()) {
            for (int i = 0; i < selected.length; i++) {
                x[2 * selected[i]] = y[2 * i];
                x[2 * selected[i] + 1] = y[2 * i + 1];
            }
        } else {
            for (int i = 0; i < selected.length; i++) {
                x[selected[i]] = y[i];
            }
        }
        return x;
    }

    /** @return e.g. {@code CoordinateMask[1200 of UniformGrid[100x100, complex]]} */
    @Override
    public String toString() {
        return "CoordinateMask[" + selected.length + " of " + domain() + "]";
    }
}
