package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@code join(split(x)) = x} and friends, for random nested and mixed direct sums. */
class DirectSumPropertiesTest {

    /** Sums in a different order differ by rounding. */
    private static final double RELATIVE_TOLERANCE = 1e-12;

    /** A random tree of spaces: leaves real or complex with 1 to 3 axes, inner nodes direct sums. */
    static VectorSpace randomSpace(Random rng, int depth) {
        if (depth == 0 || rng.nextInt(3) == 0) {
            int[] shape = new int[1 + rng.nextInt(2)];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = 1 + rng.nextInt(3);
            }
            return rng.nextBoolean() ? VectorSpace.real(shape) : VectorSpace.complex(shape);
        }
        List<VectorSpace> summands = new ArrayList<>();
        int count = 1 + rng.nextInt(3);
        for (int i = 0; i < count; i++) {
            summands.add(randomSpace(rng, depth - 1));
        }
        return new DirectSum(summands);
    }

    static DirectSum randomSum(Random rng) {
        VectorSpace s = randomSpace(rng, 3);
        return s instanceof DirectSum d ? d : new DirectSum(s, randomSpace(rng, 2));
    }

    @Property(tries = 200)
    void joinOfSplitIsTheIdentity(@ForAll long seed) {
        Random rng = new Random(seed);
        DirectSum sum = randomSum(rng);
        double[] x = sum.randn(rng);
        double[] copy = x.clone();
        double[][] parts = sum.split(x);
        assertThat(sum.join(parts)).as("seed %d, %s", seed, sum).containsExactly(copy);
        assertThat(x).as("split modified its argument; seed %d", seed).containsExactly(copy);
    }

    @Property(tries = 200)
    void splitOfJoinGivesThePartsBack(@ForAll long seed) {
        Random rng = new Random(seed);
        DirectSum sum = randomSum(rng);
        double[][] parts = new double[sum.count()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = sum.summand(i).randn(rng);
        }
        double[][] back = sum.split(sum.join(parts));
        for (int i = 0; i < parts.length; i++) {
            assertThat(back[i]).as("part %d; seed %d, %s", i, seed, sum).containsExactly(parts[i]);
            assertThat(sum.part(sum.join(parts), i)).containsExactly(parts[i]);
        }
    }

    @Property(tries = 200)
    void sizesAndOffsetsAddUp(@ForAll long seed) {
        DirectSum sum = randomSum(new Random(seed));
        int real = 0;
        int size = 0;
        for (int i = 0; i < sum.count(); i++) {
            assertThat(sum.offset(i)).as("seed %d, %s", seed, sum).isEqualTo(real);
            real += sum.summand(i).realSize();
            size += sum.summand(i).size();
        }
        assertThat(sum.offset(sum.count())).isEqualTo(real);
        assertThat(sum.realSize()).isEqualTo(real);
        assertThat(sum.size()).isEqualTo(size);
        assertThat(sum.zeros()).hasSize(real);
        DirectSum again = new DirectSum(sum.summands());
        assertThat(again).isEqualTo(sum).hasSameHashCodeAs(sum);
    }

    @Property(tries = 100)
    void innerProductIsTheSumOfTheSummandsInnerProducts(@ForAll long seed) {
        Random rng = new Random(seed);
        DirectSum sum = randomSum(rng);
        double[] x = sum.randn(rng);
        double[] y = sum.randn(rng);
        double[][] xs = sum.split(x);
        double[][] ys = sum.split(y);
        double expected = 0;
        for (int i = 0; i < xs.length; i++) {
            expected += sum.summand(i).vdot(xs[i], ys[i]);
        }
        assertThat(sum.vdot(x, y)).as("seed %d", seed).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(RELATIVE_TOLERANCE * (1 + Math.abs(expected))));
    }
}
