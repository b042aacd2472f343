package io.github.regpy4j.vecsps;

import java.util.Arrays;
import java.util.List;

/**
 * Real or complex functions sampled on a uniform rectangular grid. Port of regpy's
 * {@code regpy.vecsps.UniformGridFcts}.
 *
 * <p>Each axis is given as {@code (start, stop, count)}: {@code count} equispaced points from
 * {@code start} to {@code stop}, both included, as numpy's {@code linspace}. Elements are stored
 * in row-major order (the last axis varies fastest), complex entries interleaved. The inner
 * product is the plain one of {@link VectorSpace}; {@link #volumeElement()} is there for
 * quadrature and L² inner products.
 */
public final class UniformGrid extends AbstractArraySpace {

    /**
     * One axis of a grid: {@code count} equispaced points from {@code start} to {@code stop}.
     *
     * @param start the first coordinate
     * @param stop the last coordinate (equal to {@code start} when {@code count == 1})
     * @param count the number of points, at least 1
     */
    public record Axis(double start, double stop, int count) {
        /**
         * Checks the axis.
         *
         * @param start the first coordinate, finite
         * @param stop the last coordinate, finite, greater than {@code start} unless {@code count == 1}
         * @param count the number of points, at least 1
         */
        public Axis {
            if (count < 1) {
                throw new IllegalArgumentException("an axis needs at least 1 point but count is " + count);
            }
            if (!Double.isFinite(start) || !Double.isFinite(stop)) {
                throw new IllegalArgumentException("axis bounds must be finite but are " + start + ", " + stop);
            }
            if (count > 1 && !(stop > start)) {
                throw new IllegalArgumentException("an axis of " + count + " points needs stop > start but has start "
                        + start + ", stop " + stop);
            }
        }

        /**
         * The axis regpy builds for a centred grid: {@code count} points spaced {@code spacing} apart,
         * symmetric about 0 for odd counts and with one more negative point for even counts.
         *
         * @param count the number of points, at least 1
         * @param spacing the distance between neighbours, positive
         * @return the axis {@code (-⌊count/2⌋·spacing, (count - 1 - ⌊count/2⌋)·spacing, count)}
         */
        public static Axis centered(int count, double spacing) {
            if (!(spacing > 0)) {
                throw new IllegalArgumentException("spacing must be positive but is " + spacing);
            }
            int half = count / 2;
            return new Axis(-half * spacing, (count - 1 - half) * spacing, count);
        }

        /** @return the distance between neighbouring points; 1 for a single point */
        public double spacing() {
            return count == 1 ? 1.0 : (stop - start) / (count - 1);
        }

        /** @return a fresh array of the {@code count} coordinates */
        public double[] coordinates() {
            double[] c = new double[count];
            double h = spacing();
            for (int i = 0; i < count; i++) {
                // Exact end points, as linspace gives.
                c[i] = i == count - 1 && count > 1 ? stop : start + i * h;
            }
            return c;
        }
    }

    private final Axis[] axes;

    private UniformGrid(Axis[] axes, boolean complex) {
        super(extents(axes), complex);
        this.axes = axes.clone();
    }

    /**
     * @param axes one per dimension, at least one. Not modified.
     * @return the grid of real functions on these axes
     */
    public static UniformGrid real(Axis... axes) {
        return new UniformGrid(axes, false);
    }

    /**
     * @param axes one per dimension, at least one. Not modified.
     * @return the grid of complex functions on these axes
     */
    public static UniformGrid complex(Axis... axes) {
        return new UniformGrid(axes, true);
    }

    private static int[] extents(Axis[] axes) {
        if (axes == null || axes.length == 0) {
            throw new IllegalArgumentException("a UniformGrid needs at least one axis");
        }
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] == null) {
                throw new IllegalArgumentException("axis " + i + " of a UniformGrid is null");
            }
            shape[i] = axes[i].count();
        }
        return shape;
    }

    /** @return the axes, unmodifiable */
    public List<Axis> axes() {
        return List.of(axes);
    }

    /**
     * @param i an axis index
     * @return the axis
     */
    public Axis axis(int i) {
        return axes[i];
    }

    /**
     * @param i an axis index
     * @return the spacing of axis {@code i}
     */
    public double spacing(int i) {
        return axes[i].spacing();
    }

    /** @return the product of all spacings, the weight of one point in a quadrature */
    public double volumeElement() {
        double v = 1;
        for (Axis a : axes) {
            v *= a.spacing();
        }
        return v;
    }

    /**
     * The coordinate along one axis at every grid point, as numpy's {@code meshgrid(..., indexing='ij')}.
     *
     * @param axis an axis index
     * @return a fresh real array of {@link #size()} entries in row-major order
     */
    public double[] meshgrid(int axis) {
        double[] c = axes[axis].coordinates();
        int inner = 1;
        for (int d = axis + 1; d < axes.length; d++) {
            inner *= axes[d].count();
        }
        int n = c.length;
        double[] out = new double[size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = c[(k / inner) % n];
        }
        return out;
    }

    @Override
    public UniformGrid toReal() {
        return isComplex() ? new UniformGrid(axes, false) : this;
    }

    @Override
    public UniformGrid toComplex() {
        return isComplex() ? this : new UniformGrid(axes, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniformGrid g && sameLayout(g) && Arrays.equals(axes, g.axes);
    }

    @Override
    public int hashCode() {
        return 31 * layoutHash() + Arrays.hashCode(axes);
    }

    @Override
    public String toString() {
        return "UniformGrid[" + shapeText() + ", " + (isComplex() ? "complex" : "real") + "]";
    }
}
