package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.ArraySpace;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.SharedRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each worker's argument, whichever way a call hands it over, is the same doubles whether it
 * travels as an array of its own (the pipe) or is written piece by piece into shared memory.
 */
@Timeout(30)
class CallArgumentsTest {

    private static final long SEED = 20261206L;

    /**
     * Gathered pieces give, for every worker, exactly {@link Distribution#argumentFor}: as a whole
     * array and written into a region, bit for bit, for components read by one, several or all
     * workers, adjacent or not.
     */
    @Test
    void gatheredPiecesAreTheDistributionsArguments() throws IOException {
        Random random = new Random(SEED);
        DirectSum domain = new DirectSum(List.of(new ArraySpace(new int[] {5}, false), new ArraySpace(new int[] {3}, false), new ArraySpace(new int[] {7}, false),
                new ArraySpace(new int[] {1}, false), new ArraySpace(new int[] {4}, false)));
        boolean[][] rows = {
            {true, true, false, false, false},
            {true, false, true, false, true},
            {false, false, false, true, false},
            {true, true, true, true, true},
        };
        List<VectorSpace> operatorDomains = new ArrayList<>();
        for (boolean[] row : rows) {
            List<VectorSpace> parts = new ArrayList<>();
            for (int j = 0; j < row.length; j++) {
                if (row[j]) {
                    parts.add(domain.summand(j));
                }
            }
            operatorDomains.add(parts.size() == 1 ? parts.get(0) : new DirectSum(parts));
        }
        Distribution distribution = new Distribution(domain, rows, operatorDomains);
        double[] x = domain.randn(random);
        int[][] pieces = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            List<Integer> p = new ArrayList<>();
            for (int j : distribution.components(i)) {
                p.add(domain.offset(j));
                p.add(domain.offset(j + 1) - domain.offset(j));
            }
            pieces[i] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        double[] before = x.clone();
        CallArguments args = CallArguments.gathered(x, pieces);
        assertThat(args.shared()).as("workers reading different components").isFalse();
        SharedRegion region = SharedRegion.create("regpy4j-" + ProcessHandle.current().pid() + "-test-"
                + UUID.randomUUID(), 8L * domain.realSize());
        try {
            for (int i = 0; i < rows.length; i++) {
                double[] expected = distribution.argumentFor(x, i);
                assertThat(args.length(i)).as("length of worker %d's argument", i).isEqualTo(expected.length);
                assertThat(bits(args.whole(i))).as("worker %d's argument as an array (seed %d)", i, SEED)
                        .isEqualTo(bits(expected));
                args.writeTo(i, region);
                double[] written = new double[expected.length];
                region.readInto(0, written, 0, written.length);
                assertThat(bits(written)).as("worker %d's argument written into a region (seed %d)", i, SEED)
                        .isEqualTo(bits(expected));
            }
        } finally {
            region.close();
        }
        assertThat(bits(x)).as("the caller's array").isEqualTo(bits(before));
    }

    /** Workers that all read the same pieces get one argument, encoded once. */
    @Test
    void identicalPiecesCountAsShared() {
        double[] x = {1, 2, 3, 4};
        CallArguments args = CallArguments.gathered(x, new int[][] {{0, 4}, {0, 4}});
        assertThat(args.shared()).isTrue();
        assertThat(args.whole(0)).as("one piece covering the array is the array itself").isSameAs(x);
    }

    /** Slices and the same array keep their meaning. */
    @Test
    void slicesAndSameGiveTheirParts() {
        double[] y = {1, 2, 3, 4, 5};
        CallArguments slices = CallArguments.slices(y, new int[] {0, 3, 5});
        assertThat(slices.whole(0)).containsExactly(1, 2, 3);
        assertThat(slices.whole(1)).containsExactly(4, 5);
        assertThat(slices.shared()).isFalse();
        assertThat(slices.length(1)).isEqualTo(2);
        assertThat(CallArguments.same(y, 3).shared()).isTrue();
        assertThat(CallArguments.same(y, 3).whole(2)).isSameAs(y);
    }

    /** A piece that does not fit the region is refused, naming the sizes, before anything is written. */
    @Test
    void aRegionTooSmallIsRefused() throws IOException {
        SharedRegion region = SharedRegion.create("regpy4j-" + ProcessHandle.current().pid() + "-test-"
                + UUID.randomUUID(), 8L * 4);
        try {
            int capacity = region.capacity();
            assertThatThrownBy(() -> region.writeAt(capacity - 1, new double[] {1, 2}, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 doubles written from index " + (capacity - 1))
                    .hasMessageContaining("region of " + capacity);
        } finally {
            region.close();
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
