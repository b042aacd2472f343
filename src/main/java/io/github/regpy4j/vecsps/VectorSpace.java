package io.github.regpy4j.vecsps;

import java.util.Random;

/**
 * A finite-dimensional real or complex vector space whose elements are plain {@code double[]}
 * arrays. Port of regpy's {@code regpy.vecsps.VectorSpace}.
 *
 * <p>A real space of {@link #size()} entries stores an element in an array of that length. A
 * complex space stores its entries interleaved, exactly as EJML's {@code ZMatrixRMaj} does:
 *
 * <pre>
 *   x = [ re(x₀), im(x₀), re(x₁), im(x₁), … ]      x.length == realSize() == 2·size()
 * </pre>
 *
 * <p>The inner product is the real one, {@code Re⟨x, y⟩ = Σ re(xₖ)re(yₖ) + im(xₖ)im(yₖ)}, which
 * on the interleaved layout is the plain dot product of the two arrays. Adjoints of operators are
 * taken with respect to it, as in regpy.
 *
 * <p>Spaces are immutable values: {@code equals} and {@code hashCode} compare by value, and
 * {@code toString} reads like {@code ArraySpace[64x64, complex]}.
 */
public interface VectorSpace {

    /**
     * The space of real arrays of the given shape.
     *
     * @param shape the extent of each axis, each at least 1. Not modified.
     * @return the space
     * @throws IllegalArgumentException if the shape is empty or has an extent below 1
     */
    static VectorSpace real(int... shape) {
        return new ArraySpace(shape, false);
    }

    /**
     * The space of complex arrays of the given shape, stored interleaved.
     *
     * @param shape the extent of each axis, each at least 1. Not modified.
     * @return the space
     * @throws IllegalArgumentException if the shape is empty or has an extent below 1
     */
    static VectorSpace complex(int... shape) {
        return new ArraySpace(shape, true);
    }

    /** @return a copy of the extent of each axis; a {@link DirectSum} has the single axis {@code [size()]} */
    int[] shape();

    /** @return the number of (real or complex) entries, the product of {@link #shape()} */
    int size();

    /** @return whether entries are complex, stored as interleaved (re, im) pairs */
    boolean isComplex();

    /** @return the length of the {@code double[]} that holds an element */
    int realSize();

    /** @return a fresh zero element */
    double[] zeros();

    /** @return a fresh element whose entries are all 1 (for complex spaces 1 + 0i) */
    double[] ones();

    /**
     * A fresh element with independent standard normal entries (real and imaginary parts
     * independent for complex spaces).
     *
     * @param rng the source of randomness. Modified (advanced).
     * @return the element
     */
    double[] randn(Random rng);

    /**
     * @param x an array, possibly {@code null}. Not modified.
     * @return whether {@code x} is an element of this space (right length; for a direct sum,
     *     right length of every part)
     */
    boolean contains(double[] x);

    /**
     * The real inner product {@code Re⟨x, y⟩}.
     *
     * @param x an element. Not modified.
     * @param y an element. Not modified.
     * @return {@code Σₖ x[k]·y[k]} over the stored arrays
     * @throws IllegalArgumentException if either is not an element of this space
     */
    double vdot(double[] x, double[] y);

    /**
     * @param x an element. Not modified.
     * @return the norm {@code √Re⟨x, x⟩}
     * @throws IllegalArgumentException if {@code x} is not an element of this space
     */
    double norm(double[] x);

    /** @return the space of the same shape (and, for grids, axes) with real entries */
    VectorSpace toReal();

    /** @return the space of the same shape (and, for grids, axes) with complex entries */
    VectorSpace toComplex();

    /**
     * Checks that {@code x} belongs to this space and says what is wrong if it does not.
     *
     * @param x the array to check. Not modified.
     * @param role what {@code x} is, for the message, e.g. {@code "argument of MatrixOperator[...]"}
     * @return {@code x}
     * @throws IllegalArgumentException naming the expected and the actual length
     */
    default double[] requireElement(double[] x, String role) {
        if (x == null) {
            throw new IllegalArgumentException(role + " is null but must be an element of " + this);
        }
        if (!contains(x)) {
            throw new IllegalArgumentException(
                    role + " has length " + x.length + " but " + this + " needs " + realSize());
        }
        return x;
    }
}
