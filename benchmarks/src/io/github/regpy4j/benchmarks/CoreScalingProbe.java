package io.github.regpy4j.benchmarks;

import java.util.Locale;

/**
 * What two threads give on this machine's cores for work that shares nothing: a chain of
 * dependent multiply-adds in registers, and a sum streaming over an array of 64 MB, each run
 * twice on one thread and then once on each of two threads. A speed-up near 2 for both means
 * the two vCPUs are two cores with memory bandwidth to spare, so a workload that scales worse
 * loses elsewhere (its allocation, its collections, its caches).
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.CoreScalingProbe
 * </pre>
 */
public final class CoreScalingProbe {

    private static final long STEPS = 400_000_000L;
    private static final int STREAM_DOUBLES = 8_000_000;
    private static final int STREAM_PASSES = 10;
    /** Keeps the results alive, so the loops cannot be removed. */
    static volatile double sink;

    private CoreScalingProbe() {}

    static double compute(long steps) {
        double x = 1;
        for (long i = 0; i < steps; i++) {
            x = x * 1.0001 + 0.9999e-9;
            if (x > 2) {
                x -= 1;
            }
        }
        return x;
    }

    static double stream(double[] v, int passes) {
        double s = 0;
        for (int p = 0; p < passes; p++) {
            for (double d : v) {
                s += d;
            }
        }
        return s;
    }

    /**
     * @param args none
     * @throws InterruptedException if interrupted while joining a thread
     */
    public static void main(String[] args) throws InterruptedException {
        double[] a = new double[STREAM_DOUBLES];
        double[] b = new double[STREAM_DOUBLES];
        sink = compute(STEPS / 10) + stream(a, 2) + stream(b, 2);
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            sink = compute(STEPS) + compute(STEPS);
            long oneThread = System.nanoTime() - t;
            t = System.nanoTime();
            Thread other = new Thread(() -> sink = compute(STEPS));
            other.start();
            sink = compute(STEPS);
            other.join();
            long twoThreads = System.nanoTime() - t;

            t = System.nanoTime();
            sink = stream(a, STREAM_PASSES) + stream(b, STREAM_PASSES);
            long oneStream = System.nanoTime() - t;
            t = System.nanoTime();
            Thread otherStream = new Thread(() -> sink = stream(b, STREAM_PASSES));
            otherStream.start();
            sink = stream(a, STREAM_PASSES);
            otherStream.join();
            long twoStreams = System.nanoTime() - t;
            System.out.printf(Locale.ROOT, "compute: speed-up %.2f   streaming 64 MB arrays: speed-up %.2f%n",
                    (double) oneThread / twoThreads, (double) oneStream / twoStreams);
        }
    }
}
