package io.github.regpy4j.vecsps;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The direct sum {@code X₀ ⊕ X₁ ⊕ … ⊕ Xₙ₋₁} of vector spaces. Port of regpy's
 * {@code regpy.vecsps.DirectSum}.
 *
 * <p>An element is the concatenation of its summands' arrays, each in its own layout (real or
 * interleaved complex); summands may be mixed and may themselves be direct sums (they are not
 * flattened):
 *
 * <pre>
 *   x = [ x₀[0 … realSize(X₀)) | x₁[0 … realSize(X₁)) | … ]
 *   offset(i) = Σ_{k &lt; i} realSize(Xₖ)
 * </pre>
 *
 * <p>{@link #size()} and {@link #realSize()} add up over the summands, {@link #shape()} is
 * {@code [size()]}, and {@link #isComplex()} holds when every summand is complex. The inner
 * product is the sum of the summands' inner products.
 */
public final class DirectSum implements VectorSpace {

    // A plain array, not an unmodifiable List: serializers such as Kryo copy it without reflective
    // access to JDK internals.
    private final VectorSpace[] summands;
    private final int[] offsets;
    private final int size;

    /**
     * @param summands the spaces, at least one. Not modified.
     * @throws IllegalArgumentException if there are none, or one is {@code null}
     */
    public DirectSum(VectorSpace... summands) {
        this(summands == null ? null : Arrays.asList(summands));
    }

    /**
     * @param summands the spaces, at least one. Not modified.
     * @throws IllegalArgumentException if there are none, or one is {@code null}
     */
    public DirectSum(List<? extends VectorSpace> summands) {
        if (summands == null || summands.isEmpty()) {
            throw new IllegalArgumentException("a DirectSum needs at least one summand but got "
                    + (summands == null ? "null" : "none"));
        }
        VectorSpace[] copy = new VectorSpace[summands.size()];
        int[] offs = new int[copy.length + 1];
        long n = 0;
        long real = 0;
        for (int i = 0; i < copy.length; i++) {
            VectorSpace s = summands.get(i);
            if (s == null) {
                throw new IllegalArgumentException("summand " + i + " of a DirectSum is null");
            }
            copy[i] = s;
            real += s.realSize();
            n += s.size();
            if (real > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the summands of this DirectSum hold more than a Java array can");
            }
            offs[i + 1] = (int) real;
        }
        this.summands = copy;
        this.offsets = offs;
        this.size = (int) n;
    }

    /** @return the number of summands */
    public int count() {
        return summands.length;
    }

    /**
     * @param i the index of a summand, {@code 0 ≤ i < count()}
     * @return the summand {@code Xᵢ}
     */
    public VectorSpace summand(int i) {
        checkIndex(i);
        return summands[i];
    }

    /** @return the summands, unmodifiable */
    public List<VectorSpace> summands() {
        return Collections.unmodifiableList(Arrays.asList(summands));
    }

    /**
     * @param i the index of a summand, {@code 0 ≤ i ≤ count()} ({@code count()} gives {@code realSize()})
     * @return where summand {@code i} starts in an element's array
     */
    public int offset(int i) {
        if (i < 0 || i > summands.length) {
            throw new IndexOutOfBoundsException("summand index " + i + " is outside 0.." + summands.length
                    + " of " + this);
        }
        return offsets[i];
    }

    /**
     * Concatenates one element of each summand into an element of the sum.
     *
     * @param parts one element per summand, in order. Not modified.
     * @return a fresh element of this space
     * @throws IllegalArgumentException if the number of parts or the length of one is wrong
     */
    public double[] join(double[]... parts) {
        if (parts == null || parts.length != summands.length) {
            throw new IllegalArgumentException("join needs " + summands.length + " parts for " + this
                    + " but got " + (parts == null ? "null" : parts.length));
        }
        double[] x = new double[realSize()];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null || !summands[i].contains(parts[i])) {
                // The message names this whole space, so it is built only when it is needed: join
                // runs on every call of a distributed operator, in every worker.
                summands[i].requireElement(parts[i], "part " + i + " of join into " + this);
            }
            System.arraycopy(parts[i], 0, x, offsets[i], parts[i].length);
        }
        return x;
    }

    /**
     * Splits an element of the sum into fresh copies of its parts.
     *
     * @param x an element of this space. Not modified.
     * @return one fresh array per summand
     * @throws IllegalArgumentException if {@code x} has the wrong length
     */
    public double[][] split(double[] x) {
        requireElement(x, "argument of split");
        double[][] parts = new double[summands.length][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Arrays.copyOfRange(x, offsets[i], offsets[i + 1]);
        }
        return parts;
    }

    /**
     * @param x an element of this space. Not modified.
     * @param i the index of a summand
     * @return a fresh copy of part {@code i} of {@code x}
     */
    public double[] part(double[] x, int i) {
        requireElement(x, "argument of part");
        checkIndex(i);
        return Arrays.copyOfRange(x, offsets[i], offsets[i + 1]);
    }

    @Override
    public int[] shape() {
        return new int[] {size};
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isComplex() {
        return Arrays.stream(summands).allMatch(VectorSpace::isComplex);
    }

    @Override
    public int realSize() {
        return offsets[summands.length];
    }

    @Override
    public double[] zeros() {
        return new double[realSize()];
    }

    @Override
    public double[] ones() {
        double[] x = new double[realSize()];
        for (int i = 0; i < summands.length; i++) {
            double[] p = summands[i].ones();
            System.arraycopy(p, 0, x, offsets[i], p.length);
        }
        return x;
    }

    @Override
    public double[] randn(Random rng) {
        double[] x = new double[realSize()];
        for (int i = 0; i < summands.length; i++) {
            double[] p = summands[i].randn(rng);
            System.arraycopy(p, 0, x, offsets[i], p.length);
        }
        return x;
    }

    @Override
    public boolean contains(double[] x) {
        return x != null && x.length == realSize();
    }

    @Override
    public double vdot(double[] x, double[] y) {
        requireElement(x, "x");
        requireElement(y, "y");
        // Every summand's inner product is the plain dot product of its stored entries.
        return ArrayMath.dotProduct(x, y);
    }

    @Override
    public double norm(double[] x) {
        requireElement(x, "x");
        return ArrayMath.norm(x);
    }

    @Override
    public DirectSum toReal() {
        return new DirectSum(Arrays.stream(summands).map(VectorSpace::toReal).toList());
    }

    @Override
    public DirectSum toComplex() {
        return new DirectSum(Arrays.stream(summands).map(VectorSpace::toComplex).toList());
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= summands.length) {
            throw new IndexOutOfBoundsException("summand index " + i + " is outside 0.." + (summands.length - 1)
                    + " of " + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectSum d && Arrays.equals(summands, d.summands);
    }

    @Override
    public int hashCode() {
        return 17 + Arrays.hashCode(summands);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DirectSum[");
        for (int i = 0; i < summands.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(summands[i]);
        }
        return s.append(']').toString();
    }
}
