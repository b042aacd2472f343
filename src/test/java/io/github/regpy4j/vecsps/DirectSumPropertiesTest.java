package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Bits;
import io.github.regpy4j.testing.SpaceArbitraries;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code join(split(x)) = x} and friends, for nested and mixed direct sums. The sums and vectors
 * come from {@link SpaceArbitraries}, so a failure shrinks to a small sum with entries near 0.
 */
class DirectSumPropertiesTest {

    /** Sums in a different order differ by rounding. */
    private static final double RELATIVE_TOLERANCE = 1e-12;
    /** Nesting of direct sums inside the drawn sum's summands: up to four levels in all. */
    private static final int DEPTH = 2;

    /** A direct sum and elements of it; prints its vectors (a record would print array identities). */
    record SumWithElements(DirectSum sum, double[] x, double[] y) {
        @Override
        public String toString() {
            return sum + " x=" + Arrays.toString(x) + " y=" + Arrays.toString(y);
        }
    }

    /** A direct sum and one element of each summand. */
    record SumWithParts(DirectSum sum, double[][] parts) {
        @Override
        public String toString() {
            return sum + " parts=" + Arrays.deepToString(parts);
        }
    }

    @Provide
    Arbitrary<DirectSum> sums() {
        return SpaceArbitraries.directSums(DEPTH);
    }

    @Provide
    Arbitrary<SumWithElements> sumsWithElements() {
        return sums().flatMap(s -> SpaceArbitraries.elementsOf(s).tuple2().map(t -> new SumWithElements(s, t.get1(), t.get2())));
    }

    @Provide
    Arbitrary<SumWithParts> sumsWithParts() {
        return sums().flatMap(s -> SpaceArbitraries.partsOf(s).map(p -> new SumWithParts(s, p)));
    }

    @Property(tries = 200)
    void joinOfSplitIsTheIdentity(@ForAll("sumsWithElements") SumWithElements c) {
        double[] copy = c.x().clone();
        double[][] parts = c.sum().split(c.x());
        Bits.assertBitIdentical(c.sum().join(parts), copy, "join(split(x)) in " + c.sum());
        Bits.assertBitIdentical(c.x(), copy, "x after split, in " + c.sum());
    }

    @Property(tries = 200)
    void splitOfJoinGivesThePartsBack(@ForAll("sumsWithParts") SumWithParts c) {
        double[] joined = c.sum().join(c.parts());
        double[][] back = c.sum().split(joined);
        for (int i = 0; i < c.parts().length; i++) {
            Bits.assertBitIdentical(back[i], c.parts()[i], "split(join(parts))[" + i + "] in " + c.sum());
            Bits.assertBitIdentical(c.sum().part(joined, i), c.parts()[i], "part(join(parts), " + i + ") in " + c.sum());
        }
    }

    @Property(tries = 200)
    void sizesAndOffsetsAddUp(@ForAll("sums") DirectSum sum) {
        int real = 0;
        int size = 0;
        for (int i = 0; i < sum.count(); i++) {
            assertThat(sum.offset(i)).as("offset %d of %s", i, sum).isEqualTo(real);
            real += sum.summand(i).realSize();
            size += sum.summand(i).size();
        }
        assertThat(sum.offset(sum.count())).as("%s", sum).isEqualTo(real);
        assertThat(sum.realSize()).as("%s", sum).isEqualTo(real);
        assertThat(sum.size()).as("%s", sum).isEqualTo(size);
        assertThat(sum.zeros()).as("%s", sum).hasSize(real);
        DirectSum again = new DirectSum(sum.summands());
        assertThat(again).isEqualTo(sum).hasSameHashCodeAs(sum);
    }

    @Property(tries = 100)
    void innerProductIsTheSumOfTheSummandsInnerProducts(@ForAll("sumsWithElements") SumWithElements c) {
        DirectSum sum = c.sum();
        double[][] xs = sum.split(c.x());
        double[][] ys = sum.split(c.y());
        double expected = 0;
        for (int i = 0; i < xs.length; i++) {
            expected += sum.summand(i).vdot(xs[i], ys[i]);
        }
        assertThat(sum.vdot(c.x(), c.y())).as("%s", c).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(RELATIVE_TOLERANCE * (1 + Math.abs(expected))));
    }
}
