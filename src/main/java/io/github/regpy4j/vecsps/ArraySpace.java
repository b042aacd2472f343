package io.github.regpy4j.vecsps;

/**
 * The space of real or complex arrays of a fixed shape, with no further structure. What
 * {@link VectorSpace#real(int...)} and {@link VectorSpace#complex(int...)} return. Port of regpy's
 * {@code regpy.vecsps.VectorSpace} for a given shape and dtype.
 */
public final class ArraySpace extends AbstractArraySpace {

    /**
     * @param shape the extent of each axis, each at least 1. Not modified.
     * @param complex whether entries are complex (stored interleaved)
     */
    public ArraySpace(int[] shape, boolean complex) {
        super(shape, complex);
    }

    @Override
    public ArraySpace toReal() {
        return isComplex() ? new ArraySpace(shape(), false) : this;
    }

    @Override
    public ArraySpace toComplex() {
        return isComplex() ? this : new ArraySpace(shape(), true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArraySpace a && sameLayout(a);
    }

    @Override
    public int hashCode() {
        return layoutHash();
    }

    @Override
    public String toString() {
        return "ArraySpace[" + shapeText() + ", " + (isComplex() ? "complex" : "real") + "]";
    }
}
