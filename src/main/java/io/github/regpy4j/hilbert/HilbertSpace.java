package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Objects;

/**
 * A vector space with an inner product given by a Gram operator. Port of regpy's
 * {@code HilbertSpace} ({@code regpy.hilbert.base}).
 *
 * <p>For the vector space {@code X} (elements stored as {@code double[]}, complex entries
 * interleaved) and its Gram operator {@code G: X → X}, linear, self-adjoint and positive for the
 * real inner product {@code Re⟨·,·⟩} of {@link VectorSpace}:
 *
 * <pre>
 *   ⟨x, y⟩_G = Re⟨x, G y⟩,      ‖x‖_G = √⟨x, x⟩_G
 * </pre>
 *
 * <p>{@link #gramInverse()} is {@code G⁻¹}. A space may be only semi-definite on {@code X} when it
 * lives on a subspace (as {@link Hm} with a mask: functions supported in the mask); its
 * {@code gramInverse()} is then the inverse on that subspace, zero on its complement, as regpy's
 * {@code HmDomain.gram.inverse}, and {@link #norm(double[])} a seminorm on {@code X}.
 *
 * <p>A Hilbert space is itself an {@link AbstractSpace} that accepts only its own vector space,
 * so a regularization setting takes concrete and abstract spaces alike (regpy's
 * {@code as_hilbert_space}).
 */
public abstract class HilbertSpace implements AbstractSpace {

    private final VectorSpace space;

    /**
     * @param space the underlying vector space {@code X}, domain and codomain of the Gram operator
     */
    protected HilbertSpace(VectorSpace space) {
        this.space = Objects.requireNonNull(space, "the vector space of a Hilbert space is null");
    }

    /** @return the underlying vector space {@code X} */
    public final VectorSpace vectorSpace() {
        return space;
    }

    /** @return the Gram operator {@code G: X → X} (regpy's {@code gram}); the same instance every call */
    public abstract Operator gram();

    /**
     * @return {@code G⁻¹: X → X} (regpy's {@code gram_inv}); the same instance every call. For a
     *     space on a subspace, the inverse there and zero on the complement.
     */
    public abstract Operator gramInverse();

    /**
     * Whether the Gram operator is the identity, so that this space's inner product is the plain
     * one of {@link VectorSpace}. Solvers use it to keep the plain arithmetic, bit for bit.
     *
     * @return {@code false} unless a subclass's Gram operator is exactly {@code I}
     */
    public boolean isEuclidean() {
        return false;
    }

    /**
     * The inner product {@code ⟨x, y⟩_G = Re⟨x, G y⟩}.
     *
     * @param x an element of {@code X}. Not modified.
     * @param y an element of {@code X}. Not modified.
     * @return the inner product
     * @throws IllegalArgumentException if either is not an element of {@code X}
     */
    public double inner(double[] x, double[] y) {
        space.requireElement(x, "first argument of the inner product of " + this);
        return space.vdot(x, gram().apply(y));
    }

    /**
     * The norm {@code ‖x‖_G = √⟨x, x⟩_G} (a seminorm on {@code X} for a space on a subspace).
     *
     * @param x an element of {@code X}. Not modified.
     * @return the norm; round-off below zero counts as zero
     * @throws IllegalArgumentException if {@code x} is not an element of {@code X}
     */
    public double norm(double[] x) {
        return Math.sqrt(Math.max(0, inner(x, x)));
    }

    /**
     * This space, if {@code space} is its own vector space.
     *
     * @param space a vector space
     * @return this
     * @throws IllegalArgumentException if {@code space} is not {@link #vectorSpace()}
     */
    @Override
    public final HilbertSpace concreteOn(VectorSpace space) {
        if (!this.space.equals(space)) {
            throw new IllegalArgumentException(this + " lives on " + this.space + " but is asked for " + space);
        }
        return this;
    }
}
