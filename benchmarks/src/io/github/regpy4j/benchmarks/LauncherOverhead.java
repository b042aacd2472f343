package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerLauncher;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.testing.LocalSshd;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a launcher costs per call, for SCALING.md: a raw 8-byte round trip through {@code cat}
 * (locally, through {@code ssh} to the test sshd, through {@code srun}), the round trip of one
 * {@code apply} on ℝ¹ through a worker, the throughput of 8 MB vectors, and the startup of two
 * workers, for each launcher that is available.
 *
 * <pre>
 *   .ci/start-sshd; scripts/start-slurm-localhost   # optional: without them, those rows are skipped
 *   ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.LauncherOverhead \
 *       -Dexec.programArgs="[--srun-job JOBID | --scan]"
 * </pre>
 */
public final class LauncherOverhead {

    private static final int ROUND_TRIPS = 2000;
    private static final int WARMUP = 500;
    private static final int BIG = 1 << 20; // doubles: 8 MiB

    private LauncherOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--scan")) {
            scan();
            return;
        }
        String srunJob = args.length == 2 && args[0].equals("--srun-job") ? args[1] : null;
        List<String[]> rows = new ArrayList<>();
        rows.add(raw("local cat", List.of("cat")));
        boolean ssh = sshAvailable();
        if (ssh) {
            rows.add(raw("ssh 127.0.0.1 cat", LocalSshd.sshCommandFor("exec cat")));
        }
        if (srunJob != null) {
            rows.add(raw("srun cat", List.of("srun", "--jobid=" + srunJob, "--nodes=1", "--ntasks=1", "--exclusive",
                    "--unbuffered", "--quiet", "cat")));
        }
        rows.add(worker("local worker (pipe)", WorkerOptions.defaults().withoutSharedMemory()));
        rows.add(worker("local worker (shm ≥ 1 MiB)", WorkerOptions.defaults()));
        if (ssh) {
            rows.add(worker("ssh worker 127.0.0.1", WorkerOptions.defaults().withLauncher(LocalSshd.launcher())));
        }
        if (srunJob != null) {
            rows.add(worker("srun worker", WorkerOptions.defaults().withLauncher(
                    WorkerLauncher.srun().withSrunOptions(List.of("--jobid=" + srunJob)))));
        }
        System.out.println("| what | median round trip (µs) | p99 (µs) | 8 MiB there and back (MB/s, each way) | startup of 2 workers (ms) |");
        System.out.println("|---|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    /** The round trip of one apply on ℝ¹ against the number of workers: the parent's cost per worker. */
    private static void scan() {
        boolean ssh = sshAvailable();
        System.out.println("| workers | local: median round trip (µs) | ssh 127.0.0.1: median round trip (µs) |");
        System.out.println("|---|---|---|");
        for (int n : new int[] {1, 2, 4, 8, 16}) {
            String local = micros(medianApply(n, WorkerOptions.defaults()));
            String remote = ssh ? micros(medianApply(n, WorkerOptions.defaults().withLauncher(LocalSshd.launcher()))) : "–";
            System.out.println("| " + n + " | " + local + " | " + remote + " |");
        }
    }

    private static long medianApply(int n, WorkerOptions options) {
        long[] t = new long[ROUND_TRIPS];
        try (var parallel = new ParallelVectorOfOperators(Collections.nCopies(n, new Identity(VectorSpace.real(1))), options)) {
            double[] x = {1.0};
            for (int i = -WARMUP; i < ROUND_TRIPS; i++) {
                long t0 = System.nanoTime();
                parallel.apply(x);
                if (i >= 0) {
                    t[i] = System.nanoTime() - t0;
                }
            }
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static boolean sshAvailable() {
        try {
            org.junit.jupiter.api.Assumptions.class.getName();
            LocalSshd.assumeAvailable();
            return true;
        } catch (RuntimeException e) {
            System.err.println("no test sshd: " + e.getMessage());
            return false;
        }
    }

    /** 8 bytes written and read back through a process that copies stdin to stdout. */
    private static String[] raw(String label, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        OutputStream out = p.getOutputStream();
        InputStream in = p.getInputStream();
        byte[] msg = new byte[8];
        long[] t = new long[ROUND_TRIPS];
        for (int i = -WARMUP; i < ROUND_TRIPS; i++) {
            long t0 = System.nanoTime();
            out.write(msg);
            out.flush();
            int got = 0;
            while (got < msg.length) {
                int n = in.read(msg, got, msg.length - got);
                if (n < 0) {
                    throw new IllegalStateException(label + " ended early");
                }
                got += n;
            }
            if (i >= 0) {
                t[i] = System.nanoTime() - t0;
            }
        }
        // Bandwidth: 8 MiB out while a thread reads it back.
        byte[] big = new byte[8 * BIG];
        double mbps = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            Thread reader = new Thread(() -> {
                try {
                    in.readNBytes(big.length);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            reader.start();
            out.write(big);
            out.flush();
            reader.join();
            mbps = Math.max(mbps, big.length / ((System.nanoTime() - t0) / 1e9) / 1e6);
        }
        out.close();
        p.waitFor();
        Arrays.sort(t);
        return new String[] {label, micros(t[t.length / 2]), micros(t[t.length * 99 / 100]), fmt(mbps), "–"};
    }

    private static String[] worker(String label, WorkerOptions options) {
        VectorSpace one = VectorSpace.real(1);
        long s0 = System.nanoTime();
        List<Operator> ops = new ArrayList<>(Collections.nCopies(2, new Identity(one)));
        double startupMillis;
        long[] t = new long[ROUND_TRIPS];
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            startupMillis = (System.nanoTime() - s0) / 1e6;
            double[] x = {1.0};
            for (int i = -WARMUP; i < ROUND_TRIPS; i++) {
                long t0 = System.nanoTime();
                parallel.apply(x);
                if (i >= 0) {
                    t[i] = System.nanoTime() - t0;
                }
            }
        }
        // One worker, one big vector: what one link carries.
        VectorSpace big = VectorSpace.real(BIG);
        double mbps = 0;
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(big)), options)) {
            double[] x = big.ones();
            for (int rep = 0; rep < 6; rep++) {
                long t0 = System.nanoTime();
                parallel.apply(x);
                if (rep >= 1) {
                    mbps = Math.max(mbps, 8.0 * BIG / ((System.nanoTime() - t0) / 1e9 / 2) / 1e6);
                }
            }
        }
        Arrays.sort(t);
        return new String[] {label + ", 2 workers", micros(t[t.length / 2]), micros(t[t.length * 99 / 100]), fmt(mbps),
                fmt(startupMillis)};
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1e3);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
