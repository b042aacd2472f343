package io.github.regpy4j.parallel;

import static io.github.regpy4j.testing.Bits.assertBitIdentical;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sum an adjoint's replies are added into as they arrive, each term on its own thread and in
 * runs of any length: every entry must be the terms that cover it added in worker order (the
 * first copied), bit for bit as {@link io.github.regpy4j.operators.Distribution#collect} and a
 * sum of whole replies give it, whatever the threads' timing; a term must never wait for
 * another while its reply arrives; and a term that ends short must release the terms waiting
 * for it.
 */
@Timeout(30)
class OrderedSumTest {

    private static final long SEED = 20261207L;

    @RepeatedTest(5)
    void aColumnSumEqualsTheSumInWorkerOrderBitForBit(org.junit.jupiter.api.RepetitionInfo repetition) throws Exception {
        long seed = SEED + repetition.getCurrentRepetition();
        Random rng = new Random(seed);
        int n = 50_000;
        int terms = 4;
        double[][] replies = new double[terms][];
        for (int i = 0; i < terms; i++) {
            replies[i] = spread(n, rng);
        }
        double[] expected = replies[0].clone();
        for (int i = 1; i < terms; i++) {
            for (int k = 0; k < n; k++) {
                expected[k] += replies[i][k];
            }
        }
        double[] into = new double[n];
        Arrays.fill(into, Double.NaN);
        OrderedSum sum = OrderedSum.whole(terms, n, into);
        deliver(sum, replies, rng);
        assertThat(sum.complete()).as("every term added, seed " + seed).isTrue();
        assertThat(sum.finish()).isSameAs(into);
        assertBitIdentical(into, expected, "ordered sum of " + terms + " terms in random runs, seed " + seed);
    }

    @RepeatedTest(5)
    void aDistributedSumEqualsDistributionCollectBitForBit(org.junit.jupiter.api.RepetitionInfo repetition)
            throws Exception {
        long seed = SEED + 100 + repetition.getCurrentRepetition();
        Random rng = new Random(seed);
        // ρ read by every worker, a coil each, one component read by workers 1 and 2, one by none.
        VectorSpace r = VectorSpace.real(9_000);
        VectorSpace small = VectorSpace.real(7);
        DirectSum domain = new DirectSum(r, r, r, r, r, small);
        boolean[][] rows = {
            {true, true, false, false, false, false},
            {true, false, true, false, true, false},
            {true, false, false, true, true, false},
        };
        List<VectorSpace> operatorDomains = new ArrayList<>();
        for (boolean[] row : rows) {
            List<VectorSpace> parts = new ArrayList<>();
            for (int j = 0; j < row.length; j++) {
                if (row[j]) {
                    parts.add(domain.summand(j));
                }
            }
            operatorDomains.add(new DirectSum(parts));
        }
        Distribution d = new Distribution(domain, rows, operatorDomains);
        double[][] replies = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            replies[i] = spread(d.operatorDomain(i).realSize(), rng);
        }
        double[] expected = d.collect(replies);
        double[] into = new double[domain.realSize()];
        Arrays.fill(into, Double.NaN);
        OrderedSum sum = OrderedSum.collected(d, into);
        deliver(sum, replies, rng);
        assertThat(sum.complete()).as("every term added, seed " + seed).isTrue();
        assertBitIdentical(sum.finish(), expected, "ordered distributed sum, seed " + seed
                + " (the unread component must be zero, not the NaN it held)");
    }

    @Test
    void aTermWhoseEarlierTermsAreNotThereYetHoldsItsRunsBackInsteadOfWaiting() {
        // One thread: term 1 hands over its whole reply before term 0 sends a double. Had add()
        // waited for term 0, this would hang (and a worker's pipe would stall behind a slow one).
        long seed = SEED + 200;
        Random rng = new Random(seed);
        int n = 30_000;
        double[][] replies = {spread(n, rng), spread(n, rng)};
        OrderedSum sum = OrderedSum.whole(2, n, null);
        handOver(sum, 1, replies[1], 4_096);
        handOver(sum, 0, replies[0], 3_000);
        sum.drain(0);
        sum.finished(0);
        sum.drain(1);
        sum.finished(1);
        double[] expected = replies[0].clone();
        for (int k = 0; k < n; k++) {
            expected[k] += replies[1][k];
        }
        assertThat(sum.complete()).isTrue();
        assertBitIdentical(sum.finish(), expected, "term 1 first, then term 0, seed " + seed);
    }

    @Test
    void aTermThatEndsShortReleasesTheTermsWaitingForIt() throws Exception {
        int n = 1000;
        OrderedSum sum = OrderedSum.whole(3, n, null);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        sum.add(0, ones, 400, 0); // term 0 gets 400 of its 1000 doubles, then its worker dies
        CountDownLatch held = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            sum.add(1, ones, 400, 0);   // added at once: term 0 is there
            sum.add(1, ones, 600, 400); // held back
            held.countDown();
            sum.drain(1);               // waits for term 0's doubles 400 … 1000
            sum.finished(1);
        });
        Thread third = new Thread(() -> {
            sum.add(2, ones, n, 0);
            sum.drain(2); // waits for term 1, which waits for term 0
            sum.finished(2);
        });
        second.start();
        third.start();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(second.isAlive()).as("term 1 waits for term 0's doubles 400 … 1000").isTrue();
        sum.finished(0);
        second.join(10_000);
        third.join(10_000);
        assertThat(second.isAlive() || third.isAlive()).as("a term still waits for one that ended").isFalse();
        assertThat(sum.complete()).as("the sum of a term that ended short").isFalse();
        assertThat(sum.array()[0]).as("entries every term added in order").isEqualTo(2.0);
    }

    /** Hands term {@code term}'s doubles to the sum in runs of {@code runLength}, on this thread. */
    private static void handOver(OrderedSum sum, int term, double[] v, int runLength) {
        double[] run = new double[runLength];
        for (int index = 0; index < v.length; index += runLength) {
            int count = Math.min(runLength, v.length - index);
            System.arraycopy(v, index, run, 0, count);
            sum.add(term, run, count, index);
            Arrays.fill(run, Double.NaN); // a run is valid only during the call
        }
    }

    /** Hands each term's doubles to the sum on a thread of its own, in runs of random length, the threads started in random order. */
    private static void deliver(OrderedSum sum, double[][] replies, Random rng) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < replies.length; i++) {
            int term = i;
            long runSeed = rng.nextLong();
            threads.add(new Thread(() -> {
                Random runs = new Random(runSeed);
                double[] v = replies[term];
                double[] run = new double[8192];
                int index = 0;
                while (index < v.length) {
                    int count = Math.min(v.length - index, 1 + runs.nextInt(run.length));
                    System.arraycopy(v, index, run, 0, count);
                    sum.add(term, run, count, index);
                    Arrays.fill(run, Double.NaN); // a run is valid only during the call
                    index += count;
                }
                sum.drain(term);
                sum.finished(term);
            }, "term-" + i));
        }
        java.util.Collections.shuffle(threads, rng);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(20_000);
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
    }

    /** Values over many magnitudes and signs, so that another order of addition shows in the bits. */
    private static double[] spread(int n, Random rng) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = rng.nextGaussian() * Math.pow(10, rng.nextInt(17) - 8);
        }
        return v;
    }
}
