package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Construct-to-first-answer of a {@link ParallelVectorOfOperators} of N trivial operators: cold
 * (fresh JVMs), cold with the AppCDS archive, and warm (idle workers of a {@link
 * ParallelExecutionManager}), interleaved, N = 1, 2, 4, 8; and the resident size of an idle
 * pooled worker. regpy's fork-based figure for N = 8 is 60–76 ms (ANCHORS.md).
 *
 * <p>Run: {@code ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.WarmStartBenchmark
 * -Dexec.programArgs="15"} (the argument is the number of rounds; results are printed as a
 * Markdown table).
 */
public final class WarmStartBenchmark {

    private WarmStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int[] ns = {1, 2, 4, 8};
        List<Operator> base = Collections.nCopies(8, new Identity(VectorSpace.real(8)));
        double[] x = new double[8];
        new VectorOfOperators(base).apply(x); // class loading and JIT of the parent's own side
        WorkerOptions cds = WorkerOptions.defaults().withClassDataSharing(true);
        timeCold(base.subList(0, 1), x, cds); // records the archive once, outside the timings
        System.out.println("| N | cold (ms) | cold + AppCDS (ms) | warm (ms) | warm / cold |");
        System.out.println("|---|---|---|---|---|");
        for (int n : ns) {
            List<Operator> ops = base.subList(0, n);
            double[] cold = new double[rounds];
            double[] coldCds = new double[rounds];
            double[] warm = new double[rounds];
            try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
                timeWarm(ops, x); // fills the pool
                for (int r = 0; r < rounds; r++) {
                    cold[r] = timeCold(ops, x, WorkerOptions.defaults().withJvmArgs(List.of("-Dround=" + r)));
                    coldCds[r] = timeCold(ops, x, cds.withJvmArgs(List.of("-Dround=" + r)));
                    warm[r] = timeWarm(ops, x);
                }
            }
            System.out.printf("| %d | %s | %s | %s | %.3f |%n", n, stats(cold), stats(coldCds), stats(warm),
                    median(warm) / median(cold));
        }
        // Warm alone, back to back: the interleaved rows above time each warm round right after
        // cold JVMs started and exited, whose last work still competes for the two cores.
        System.out.println();
        System.out.println("| N | warm, back to back (ms) |");
        System.out.println("|---|---|");
        for (int n : ns) {
            try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
                double[] warm = new double[3 * rounds];
                for (int r = -5; r < warm.length; r++) {
                    double t = timeWarm(base.subList(0, n), x);
                    if (r >= 0) {
                        warm[r] = t;
                    }
                }
                System.out.printf("| %d | %s |%n", n, stats(warm));
            }
        }
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            timeWarm(base.subList(0, 1), x);
            Thread.sleep(500);
            long pid = scope.idleWorkerProcesses().get(0).pid();
            System.out.printf("%nidle pooled worker: VmRSS %s%n", rss(pid));
        }
    }

    /**
     * Fresh JVMs: in a scope of its own that keeps no worker (otherwise the warm scope around it
     * would park every cold worker), with a -D flag that makes the command line unique.
     */
    private static double timeCold(List<Operator> ops, double[] x, WorkerOptions options) {
        try (var cold = ParallelExecutionManager.builder().keepWorkersWarm(false).build()) {
            long t0 = System.nanoTime();
            try (var f = new ParallelVectorOfOperators(ops, options.withJvmArgs(append(options.jvmArgs(), "-Dcold")))) {
                f.apply(x);
                return (System.nanoTime() - t0) / 1e6;
            }
        }
    }

    private static List<String> append(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b + System.nanoTime());
        return l;
    }

    private static double timeWarm(List<Operator> ops, double[] x) {
        long t0 = System.nanoTime();
        try (var f = new ParallelVectorOfOperators(ops)) {
            f.apply(x);
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static String rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.1f (%.1f–%.1f)", median(v), s[0], s[s.length - 1]);
    }
}
