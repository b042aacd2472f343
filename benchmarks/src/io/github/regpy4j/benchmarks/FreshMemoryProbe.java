package io.github.regpy4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * What a first touch of memory costs on this machine, against touching the same memory again:
 * the cost a fresh worker JVM pays for every page its heap grows into. Allocates a direct buffer
 * (the JVM zeroes it, so every page is touched for the first time), then writes it again, a few
 * times; then the same with a fresh buffer, so that the first-touch figure is not one lucky run.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.FreshMemoryProbe 256 3
 * </pre>
 * Arguments: MiB per buffer, buffers. On the 2-core machine of session 16, a first touch cost
 * 10–30× a second one (BENCHMARKS.md).
 */
public final class FreshMemoryProbe {

    private FreshMemoryProbe() {}

    /** @param args MiB per buffer, number of buffers */
    public static void main(String[] args) {
        int mib = Integer.parseInt(args[0]);
        int buffers = Integer.parseInt(args[1]);
        long sink = 0;
        for (int b = 0; b < buffers; b++) {
            long t0 = System.nanoTime();
            ByteBuffer fresh = ByteBuffer.allocateDirect(mib << 20);
            long t1 = System.nanoTime();
            double again = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long s = System.nanoTime();
                for (int i = 0; i < fresh.capacity(); i += 4096) {
                    fresh.put(i, (byte) (r + 1));
                }
                again = Math.min(again, (System.nanoTime() - s) / 1e6);
            }
            long zero = System.nanoTime();
            for (int i = 0; i < fresh.capacity(); i += 8) {
                fresh.putLong(i, 0L);
            }
            double rezero = (System.nanoTime() - zero) / 1e6;
            sink += fresh.get(mib);
            double first = (t1 - t0) / 1e6;
            System.out.printf(Locale.ROOT, "buffer %d, %d MiB: first touch (allocate and zero) %.0f ms = %.2f ms/MiB;"
                    + " zeroing it again %.0f ms (%.1f× less); one write per page again %.1f ms%n",
                    b, mib, first, first / mib, rezero, first / rezero, again);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
