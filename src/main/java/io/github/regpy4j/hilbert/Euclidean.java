package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * A vector space with its plain inner product {@code Re⟨x, y⟩}: Gram operator {@code G = I}.
 * Port of regpy's {@code L2Generic} without weights. The default of every solver.
 */
public final class Euclidean extends HilbertSpace {

    private final Identity identity;

    private Euclidean(VectorSpace space) {
        super(space);
        this.identity = new Identity(space);
    }

    /**
     * @param space any vector space
     * @return {@code space} with its plain inner product
     */
    public static Euclidean on(VectorSpace space) {
        return new Euclidean(space);
    }

    /** @return {@code I} */
    @Override
    public Operator gram() {
        return identity;
    }

    /** @return {@code I} */
    @Override
    public Operator gramInverse() {
        return identity;
    }

    /** @return {@code Re⟨x, y⟩}, {@link VectorSpace#vdot} */
    @Override
    public double inner(double[] x, double[] y) {
        return vectorSpace().vdot(x, y);
    }

    /** @return {@code √Re⟨x, x⟩}, {@link VectorSpace#norm} */
    @Override
    public double norm(double[] x) {
        return vectorSpace().norm(x);
    }

    /** @return {@code true} */
    @Override
    public boolean isEuclidean() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Euclidean e && e.vectorSpace().equals(vectorSpace());
    }

    @Override
    public int hashCode() {
        return vectorSpace().hashCode();
    }

    /** @return e.g. {@code Euclidean[ArraySpace[16x16, complex]]} */
    @Override
    public String toString() {
        return "Euclidean[" + vectorSpace() + "]";
    }
}
