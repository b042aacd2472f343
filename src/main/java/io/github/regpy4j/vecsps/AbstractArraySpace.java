package io.github.regpy4j.vecsps;

import java.util.Arrays;
import java.util.Random;

/**
 * What every space of arrays with a fixed shape shares: the storage layout, the real inner
 * product and the element factories. Subclasses add meaning to the axes.
 */
abstract class AbstractArraySpace implements VectorSpace {

    private final int[] shape;
    private final boolean complex;
    private final int size;

    AbstractArraySpace(int[] shape, boolean complex) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one axis but was "
                    + (shape == null ? "null" : "empty"));
        }
        long n = 1;
        for (int extent : shape) {
            if (extent < 1) {
                throw new IllegalArgumentException(
                        "every axis needs an extent of at least 1 but shape is " + Arrays.toString(shape));
            }
            n *= extent;
            if (n * (complex ? 2 : 1) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more entries than a Java array can hold");
            }
        }
        this.shape = shape.clone();
        this.complex = complex;
        this.size = (int) n;
    }

    @Override
    public final int[] shape() {
        return shape.clone();
    }

    /**
     * The extent of one axis, without copying the shape.
     *
     * @param axis an axis index, {@code 0 ≤ axis < ndim()}
     * @return the number of entries along that axis
     */
    public final int extent(int axis) {
        return shape[axis];
    }

    /** @return the number of axes */
    public final int ndim() {
        return shape.length;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final boolean isComplex() {
        return complex;
    }

    @Override
    public final int realSize() {
        return complex ? 2 * size : size;
    }

    @Override
    public final double[] zeros() {
        return new double[realSize()];
    }

    @Override
    public final double[] ones() {
        double[] x = new double[realSize()];
        if (complex) {
            for (int k = 0; k < x.length; k += 2) {
                x[k] = 1.0;
            }
        } else {
            Arrays.fill(x, 1.0);
        }
        return x;
    }

    @Override
    public final double[] randn(Random rng) {
        double[] x = new double[realSize()];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        return x;
    }

    @Override
    public final boolean contains(double[] x) {
        return x != null && x.length == realSize();
    }

    @Override
    public final double vdot(double[] x, double[] y) {
        requireElement(x, "x");
        requireElement(y, "y");
        return ArrayMath.dotProduct(x, y);
    }

    @Override
    public final double norm(double[] x) {
        requireElement(x, "x");
        return ArrayMath.norm(x);
    }

    /** {@code 64x64}: the shape as it appears in {@code toString}. */
    final String shapeText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                s.append('x');
            }
            s.append(shape[i]);
        }
        return s.toString();
    }

    final boolean sameLayout(AbstractArraySpace other) {
        return complex == other.complex && Arrays.equals(shape, other.shape);
    }

    final int layoutHash() {
        return 31 * Arrays.hashCode(shape) + (complex ? 1 : 0);
    }
}
