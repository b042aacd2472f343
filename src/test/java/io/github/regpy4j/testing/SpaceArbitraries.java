package io.github.regpy4j.testing;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik {@link Arbitrary}s of vector spaces and their elements. A property that draws its cases
 * from these shrinks a failure to a small case (few summands, short axes, entries near 0), where a
 * property that draws a seed and builds its case from {@code new Random(seed)} can only report the
 * seed.
 */
public final class SpaceArbitraries {

    /** Entries are drawn from [−ENTRY_BOUND, ENTRY_BOUND] and shrink towards 0. */
    public static final double ENTRY_BOUND = 1.0;

    private SpaceArbitraries() {
    }

    /**
     * @return real or complex spaces with one or two axes of length 1 to 3; shrinks towards a real
     *     space of one axis of length 1
     */
    public static Arbitrary<VectorSpace> leaves() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(1, 3).array(int[].class).ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(false, true), shapes)
                .as((complex, shape) -> complex ? VectorSpace.complex(shape) : VectorSpace.real(shape));
    }

    /**
     * @param depth the largest nesting of direct sums, ≥ 0
     * @return leaves, or direct sums of up to three spaces nested at most {@code depth} deep
     */
    public static Arbitrary<VectorSpace> spaces(int depth) {
        if (depth == 0) {
            return leaves();
        }
        return Arbitraries.oneOf(leaves(), directSums(depth - 1).map(s -> (VectorSpace) s));
    }

    /**
     * @param depth the largest nesting of direct sums inside the summands, ≥ 0
     * @return direct sums of one to three summands, each a space of {@link #spaces(int)}
     */
    public static Arbitrary<DirectSum> directSums(int depth) {
        return spaces(depth).list().ofMinSize(1).ofMaxSize(3).map(DirectSum::new);
    }

    /**
     * @param space the space. Not modified.
     * @return elements of {@code space}, entries in [−{@link #ENTRY_BOUND}, {@link #ENTRY_BOUND}]
     */
    public static Arbitrary<double[]> elementsOf(VectorSpace space) {
        return Arbitraries.doubles().between(-ENTRY_BOUND, ENTRY_BOUND).ofScale(6)
                .array(double[].class).ofSize(space.realSize());
    }

    /**
     * @param sum the direct sum. Not modified.
     * @return one element of each summand of {@code sum}, in order
     */
    public static Arbitrary<double[][]> partsOf(DirectSum sum) {
        List<Arbitrary<double[]>> parts = new ArrayList<>();
        for (int i = 0; i < sum.count(); i++) {
            parts.add(elementsOf(sum.summand(i)));
        }
        return Combinators.combine(parts).as(list -> list.toArray(new double[0][]));
    }
}
