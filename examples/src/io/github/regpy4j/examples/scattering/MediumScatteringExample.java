package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.examples.mri.ParallelMriExample;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.IterationState;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * regpy's inverse medium scattering example ({@code example_mediumscattering.py}) on the JVM:
 * reconstructs the contrast of a penetrable medium from noisy far-field data of 16 incident plane
 * waves with IRGNM-CG in a Sobolev setting ({@code H²} on the support, {@code L²} data) and the
 * discrepancy principle. Every evaluation solves one Lippmann–Schwinger equation per incident
 * direction; the directions are split among {@code K} operators, each in its own child JVM.
 *
 * <pre>
 *   ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.examples.scattering.MediumScatteringExample \
 *       -Dexec.programArgs="--compare-sequential"
 * </pre>
 *
 * <p>Flags: {@code --compare-sequential} (also run the same operators one after another in this
 * JVM and print both times), {@code --sequential} (only that), {@code --workers K} (default: the
 * available processors, at most the directions), {@code --size N} (grid side, default 64),
 * {@code --directions D} (incident and far-field directions, default 16), {@code --out DIR} (PNG
 * directory, default {@code target/scattering}), {@code --warm-up R} (rounds of linearize and
 * normal operator, a CG step's calls, before each solver's clock starts, default {@value ScatteringReconstruction#WARM_UP_ROUNDS};
 * with R > 0 and {@code --compare-sequential}, an unmeasured sequential solve first compiles this
 * JVM's solver code; 0 times cold starts), {@code --jvm-flags "FLAGS"} (for the workers), {@code
 * --caller-share} (the default: this JVM solves the last of the K blocks itself, beside K − 1
 * worker JVMs, {@link WorkerOptions#withCallerShare(boolean)}) and {@code --no-caller-share} (K
 * worker JVMs, as in regpy).
 */
public final class MediumScatteringExample {

    private MediumScatteringExample() {}

    /**
     * @param args the flags above
     * @throws Exception if the workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "scattering");
        boolean compare = false;
        boolean callerShare = true;
        boolean sequentialOnly = false;
        int size = 64;
        int directions = 16;
        Integer workers = null;
        int warmUp = ScatteringReconstruction.WARM_UP_ROUNDS;
        WorkerOptions options = WorkerOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--compare-sequential" -> compare = true;
                case "--sequential" -> sequentialOnly = true;
                case "--workers" -> workers = Integer.parseInt(value(args, ++i, "--workers"));
                case "--size" -> size = Integer.parseInt(value(args, ++i, "--size"));
                case "--warm-up" -> warmUp = Integer.parseInt(value(args, ++i, "--warm-up"));
                case "--directions" -> directions = Integer.parseInt(value(args, ++i, "--directions"));
                case "--caller-share" -> callerShare = true;
                case "--no-caller-share" -> callerShare = false;
                case "--jvm-flags" -> options = options.withJvmArgs(
                        List.of(value(args, ++i, "--jvm-flags").trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + "; expected --compare-sequential, --sequential, --workers K, --size N, --directions D,"
                        + " --warm-up R, --out DIR, --jvm-flags \"FLAGS\", --caller-share, --no-caller-share");
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        int k = workers != null ? workers : Math.min(processors, directions);
        options = options.withCallerShare(callerShare);
        shared = callerShare && k > 1;
        if (k < 1 || k > directions) {
            throw new IllegalArgumentException("--workers needs 1 to " + directions + " (the directions) but got " + k);
        }
        System.out.printf(Locale.ROOT, "blocks: %d (%s), solved by %s; warm-up: %d rounds before each solver's clock"
                + " starts%n", k, workers != null ? "--workers" : "available processors " + processors + ", at most the "
                + directions + " directions", shared ? (k - 1) + " worker JVM" + (k == 2 ? "" : "s") + " and this JVM"
                + " (--no-caller-share for " + k + " worker JVMs)" : k + " worker JVMs", warmUp);

        ScatteringProblem problem = new ScatteringProblem(size, directions, k);
        System.out.printf(Locale.ROOT, "medium scattering: %dx%d grid (%d points in the support), %d incident and %d"
                        + " far-field directions, k = %.1f, noise %.3f·randn, %d blocks of incident directions%n",
                size, size, count(problem.operator().support()), directions, directions, ScatteringProblem.WAVE_NUMBER,
                ScatteringProblem.NOISE_SCALE, k);

        // Before any worker starts: the JIT compiles the factorization on this JVM's cores, not
        // on the workers' during the first solve.
        problem.penalty();
        if (compare && warmUp > 0) {
            // This JVM runs the solver's own code (CG, the Sobolev Gram operators) in both
            // executions. One unmeasured solve compiles it, so that both measured solves start from
            // the same JVM, and the first does not compile that code for the second on the cores
            // its workers need.
            System.out.println("--- an unmeasured sequential solve, to compile this JVM's solver code");
            ScatteringReconstruction.run(problem, Execution.SEQUENTIAL, options, warmUp, p -> { });
        }
        Execution first = sequentialOnly ? Execution.SEQUENTIAL : Execution.PARALLEL;
        Timed main = reconstruct(problem, first, options, warmUp);
        Timed other = compare && !sequentialOnly ? reconstruct(problem, Execution.SEQUENTIAL, options, warmUp) : null;

        ScatteringReconstruction.Outcome o = main.outcome();
        List<Path> files = ScatteringFigures.write(problem, o, out);
        System.out.printf(Locale.ROOT, "stopped by %s after %d iterations (δ = %.4e, τδ = %.4e); images %s%n",
                o.result().stoppedBy(), o.result().state().iteration(), o.noiseLevel(),
                ScatteringReconstruction.TAU * o.noiseLevel(), files);
        System.out.printf(Locale.ROOT, "%s: %.2f s (solver %.2f s)%n", label(first, problem), main.seconds(),
                o.nanos() / 1e9);
        if (other != null) {
            System.out.printf(Locale.ROOT, "%s: %.2f s (solver %.2f s)%n", label(Execution.SEQUENTIAL, problem),
                    other.seconds(), other.outcome().nanos() / 1e9);
            System.out.printf(Locale.ROOT, "largest relative difference of the final iterates: %.2e%n",
                    ParallelMriExample.relativeDifference(o.reconstruction(), other.outcome().reconstruction()));
        }
        System.out.printf(Locale.ROOT, "relative error of the reconstruction: %.4f%n",
                problem.relativeError(o.reconstruction()));
    }

    private record Timed(ScatteringReconstruction.Outcome outcome, double seconds) {}

    private static Timed reconstruct(ScatteringProblem problem, Execution execution, WorkerOptions options,
            int warmUp) throws Exception {
        System.out.println("--- " + label(execution, problem));
        long t0 = System.nanoTime();
        ScatteringReconstruction.Outcome outcome = ScatteringReconstruction.run(problem, execution, options, warmUp,
                MediumScatteringExample::printProgress);
        System.out.printf(Locale.ROOT, "solver %.2f s wall; CPU: solver thread %.2f s, this JVM %.2f s, workers %.2f s%n",
                outcome.nanos() / 1e9, outcome.cpuNanos() / 1e9, outcome.processCpuNanos() / 1e9,
                outcome.workerCpuNanos() / 1e9);
        return new Timed(outcome, (System.nanoTime() - t0) / 1e9);
    }

    private static void printProgress(ScatteringReconstruction.Progress p) {
        IterationState s = p.state();
        System.out.printf(Locale.ROOT, "it %3d  residual %.4e  alpha %.3e  CG %4d  error %.4f  %7.2f s%n",
                s.iteration(), s.residualNorm(), s.regularizationParameter(), s.innerIterations(), p.relativeError(),
                p.elapsedNanos() / 1e9);
    }

    private static String label(Execution e, ScatteringProblem problem) {
        int k = problem.partCount();
        String jvms = shared ? (k - 1) + " child JVM" + (k == 2 ? "" : "s") + " and this JVM" : k + " child JVMs";
        return e.isParallel()
                ? "parallel (" + jvms + ", " + blockSizes(problem) + " incident directions each)"
                : "sequential (one JVM)";
    }

    /** Whether this JVM solves the last block itself ({@code --caller-share}, the default). */
    private static boolean shared;

    private static String blockSizes(ScatteringProblem problem) {
        int d = problem.directions();
        int k = problem.partCount();
        return d % k == 0 ? Integer.toString(d / k) : (d / k) + "–" + (d / k + 1);
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
