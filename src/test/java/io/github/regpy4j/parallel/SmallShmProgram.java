package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.SharedMemoryFullException;
import io.github.regpy4j.worker.internal.SharedRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Run by {@link SmallSharedMemoryTest} inside a mount namespace whose {@code /dev/shm} is a small
 * tmpfs: two workers evaluate vectors that fit there and vectors that do not, and every result
 * must equal the sequential one bit for bit. Prints one line per check to stdout and exits 0 when
 * all hold; anything else (a mismatch, an exception, an {@link InternalError}) exits non-zero.
 */
public final class SmallShmProgram {

    private static final long SEED = 20261205L;

    private SmallShmProgram() {}

    /** A cheap, deterministic, nonlinear pointwise map with no large fields: its bits are reproducible. */
    public static final class Wiggle extends Operator {
        private final double a;

        public Wiggle(int n, double a) {
            super(VectorSpace.real(n), VectorSpace.real(n), false);
            this.a = a;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = a * x[i] + x[i] * x[i] * 0.25;
            }
            return y;
        }
    }

    /**
     * @param args the sizes to evaluate, e.g. {@code 200000 1000000 10000000}
     * @throws Exception whatever goes wrong: the exit status is then non-zero
     */
    public static void main(String[] args) throws Exception {
        System.out.println("free in /dev/shm: " + Files.getFileStore(SharedRegion.DIRECTORY).getUsableSpace());
        regionLargerThanTheFileSystemIsRefusedCleanly();
        for (String a : args) {
            int n = Integer.parseInt(a);
            List<Operator> ops = List.of(new Wiggle(n, 1.5), new Wiggle(n, -0.5));
            double[] x = VectorSpace.real(n).randn(new Random(SEED + n));
            double[] expected = new VectorOfOperators(ops).apply(x);
            try (var parallel = new ParallelVectorOfOperators(ops)) {
                for (int round = 0; round < 2; round++) {
                    double[] y = parallel.apply(x);
                    int mismatch = firstMismatch(expected, y);
                    if (mismatch >= 0) {
                        throw new AssertionError("n=" + n + ", round " + round + ", seed " + (SEED + n)
                                + ": entry " + mismatch + " differs from the sequential result");
                    }
                }
            }
            System.out.println("n=" + n + ": 2 workers, 2 rounds, bit for bit equal to sequential");
        }
        try (Stream<Path> left = Files.list(SharedRegion.DIRECTORY)) {
            List<Path> mine = left.filter(p -> p.getFileName().toString().startsWith(SharedMemory.PREFIX)).toList();
            if (!mine.isEmpty()) {
                throw new AssertionError("regions left in /dev/shm: " + mine);
            }
        }
        if (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(2000);
            if (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
                throw new AssertionError("workers left running");
            }
        }
        System.out.println("no region and no worker left");
    }

    /**
     * The race: a region that passed every check but finds the file system full while its memory is
     * reserved. It must end as {@link SharedMemoryFullException}, never as SIGBUS, with nothing left.
     */
    private static void regionLargerThanTheFileSystemIsRefusedCleanly() throws IOException {
        long total = Files.getFileStore(SharedRegion.DIRECTORY).getTotalSpace();
        String name = SharedMemory.newName();
        try {
            SharedRegion r = SharedRegion.create(name, total + (1 << 20));
            r.close();
            throw new AssertionError("a region of " + (total + (1 << 20)) + " bytes was made in a file system of " + total);
        } catch (SharedMemoryFullException e) {
            if (Files.exists(SharedRegion.DIRECTORY.resolve(name))) {
                throw new AssertionError("the refused region " + name + " was left behind");
            }
            System.out.println("a region larger than /dev/shm: refused cleanly (" + e.getMessage() + ")");
        }
    }

    private static int firstMismatch(double[] a, double[] b) {
        if (a.length != b.length) {
            return Math.min(a.length, b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return i;
            }
        }
        return -1;
    }
}
