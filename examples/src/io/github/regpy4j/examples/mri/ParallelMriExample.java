package io.github.regpy4j.examples.mri;

import io.github.regpy4j.solvers.IterationState;
import io.github.regpy4j.parallel.WorkerLauncher;
import io.github.regpy4j.parallel.WorkerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * regpy's parallel MRI example ({@code mri_example_parallel.py}) on the JVM: reconstructs a
 * density and 10 coil sensitivities from undersampled, noisy k-space data with IRGNM-CG, the
 * forward operator evaluated coil by coil in child JVMs.
 *
 * <pre>
 *   ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.examples.mri.ParallelMriExample \
 *       -Dexec.programArgs="--compare-sequential --out target/mri"
 * </pre>
 *
 * <p>Flags: {@code --out DIR} (PNG directory, default {@code target/mri}), {@code --compare-sequential}
 * (also run the sequential operator and print both times), {@code --sequential} (run only the
 * sequential operator), {@code --size N} and {@code --coils C} (default 100 and 10), {@code --workers K}
 * (at most K worker JVMs, each evaluating a contiguous block of coils, beside this JVM's own block;
 * default: one per available processor but the one this JVM computes on, since more evaluators
 * than cores only compete for them), {@code --no-caller-share} (every coil in a worker JVM, as in
 * regpy, one worker per processor; {@code --caller-share} is the default, {@link
 * WorkerOptions#withCallerShare(boolean)}), {@code --warm-up R} (rounds of
 * linearize and normal operator, a CG step's calls, before each solver's clock starts, default {@value
 * MriReconstruction#WARM_UP_ROUNDS}; with R > 0 and {@code --compare-sequential}, an unmeasured
 * sequential solve first compiles this JVM's solver code; 0 times cold starts), {@code --srun}
 * (one worker per SLURM task, inside an allocation) and {@code --ssh HOST[,HOST…]} (workers on these
 * hosts, round-robin); see docs/CLUSTER.md.
 */
public final class ParallelMriExample {

    private ParallelMriExample() {}

    /**
     * @param args the flags above
     * @throws Exception if the workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        Path out = Path.of("target", "mri");
        boolean compare = false;
        boolean sequentialOnly = false;
        int size = 100;
        int coils = 10;
        int workers = 0;
        int warmUp = MriReconstruction.WARM_UP_ROUNDS;
        boolean callerShare = true;
        WorkerOptions options = WorkerOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--compare-sequential" -> compare = true;
                case "--sequential" -> sequentialOnly = true;
                case "--size" -> size = Integer.parseInt(value(args, ++i, "--size"));
                case "--coils" -> coils = Integer.parseInt(value(args, ++i, "--coils"));
                case "--workers" -> {
                    workers = Integer.parseInt(value(args, ++i, "--workers"));
                    if (workers < 1) {
                        throw new IllegalArgumentException("--workers needs a count of at least 1, found " + workers);
                    }
                }
                case "--warm-up" -> {
                    warmUp = Integer.parseInt(value(args, ++i, "--warm-up"));
                    if (warmUp < 0) {
                        throw new IllegalArgumentException("--warm-up needs a count of at least 0, found " + warmUp);
                    }
                }
                case "--jvm-flags" -> options = options.withJvmArgs(
                        List.of(value(args, ++i, "--jvm-flags").trim().split("\\s+")));
                case "--shared-memory-threshold" -> options = options.withSharedMemoryThreshold(
                        Long.parseLong(value(args, ++i, "--shared-memory-threshold")));
                case "--class-data-sharing" -> options = options.withClassDataSharing(true);
                case "--caller-share" -> callerShare = true;
                case "--no-caller-share" -> callerShare = false;
                case "--srun" -> options = options.withLauncher(WorkerLauncher.srun());
                case "--ssh" -> options = options.withLauncher(
                        WorkerLauncher.ssh(List.of(value(args, ++i, "--ssh").split(","))));
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + "; expected --out DIR, --compare-sequential, --sequential, --size N, --coils C, --workers K, "
                        + "--warm-up R, --caller-share, --no-caller-share, --jvm-flags \"FLAGS\", --shared-memory-threshold BYTES,"
                        + " --class-data-sharing, --srun,"
                        + " --ssh HOST[,HOST...]");
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        // With this JVM's share, one core is this JVM's: one worker JVM fewer than processors.
        int byProcessors = callerShare ? Math.max(1, processors - 1) : processors;
        int chosen = Math.min(workers > 0 ? workers : byProcessors, callerShare ? Math.max(1, coils - 1) : coils);
        options = options.withMaxWorkers(chosen).withCallerShare(callerShare);
        String share = callerShare && coils > 1 ? " and this JVM's share" : "";
        label = "parallel (" + chosen + " worker JVM" + (chosen == 1 ? "" : "s") + share + " for " + coils + " coils)";
        MriSetup setup = MriSetup.regpyExample().resized(size, coils);
        MriProblem problem = new MriProblem(setup);
        System.out.printf(Locale.ROOT, "parallel MRI: %dx%d grid, %d coils, %d of %d k-space rows sampled, noise %.2f, δ = %.4f%n",
                size, size, coils, sampledRows(problem), size, setup.noiseLevel(), problem.noiseNorm());

        if (!sequentialOnly) {
            System.out.printf(Locale.ROOT, "workers: %d%s for %d coils (%s; --workers K to change, --no-caller-share"
                    + " for every coil in a worker)%n", chosen, share, coils, workers > 0 ? "--workers " + workers
                    : callerShare ? "one per available processor but this JVM's, " + processors + " processors"
                    : "one per available processor, " + processors);
        }
        System.out.printf(Locale.ROOT, "warm-up: %d rounds before each solver's clock starts (--warm-up R)%n", warmUp);
        if (compare && !sequentialOnly && warmUp > 0) {
            // This JVM runs the solver's own code (CG, the smoother) in both executions. One
            // unmeasured solve compiles it, so that both measured solves start from the same JVM,
            // and the first does not compile that code for the second on its workers' cores.
            System.out.println("--- an unmeasured sequential solve, to compile this JVM's solver code");
            MriReconstruction.unmeasuredSolve(problem, warmUp, ParallelMriExample::progressLine);
        }
        Execution first = sequentialOnly ? Execution.SEQUENTIAL : Execution.PARALLEL;
        Timed main = reconstruct(problem, first, options, warmUp);
        Timed other = null;
        if (compare && !sequentialOnly) {
            other = reconstruct(problem, Execution.SEQUENTIAL, options, warmUp);
        }

        MriReconstruction.Outcome o = main.outcome();
        System.out.printf(Locale.ROOT, "stopped by %s after %d iterations; relative error of |ρ̃| %.4f%n",
                o.result().stoppedBy(), o.result().state().iteration(),
                problem.relativeError(o.reconstruction()));
        System.out.printf(Locale.ROOT, "%s: %.2f s (%s)%n", label(first), main.seconds(), phases(first, o));
        if (other != null) {
            System.out.printf(Locale.ROOT, "%s: %.2f s (%s)%n", label(Execution.SEQUENTIAL), other.seconds(),
                    phases(Execution.SEQUENTIAL, other.outcome()));
            System.out.printf(Locale.ROOT, "largest relative difference of the final iterates: %.2e%n",
                    relativeDifference(o.reconstruction(), other.outcome().reconstruction()));
        }
        writeImages(problem, o.reconstruction(), out);
        System.out.printf(Locale.ROOT, "images in %s; total %.2f s%n", out.toAbsolutePath(), (System.nanoTime() - begin) / 1e9);
    }

    private record Timed(MriReconstruction.Outcome outcome, double seconds) {}

    private static Timed reconstruct(MriProblem problem, Execution execution, WorkerOptions options, int warmUp)
            throws Exception {
        System.out.println("--- " + label(execution));
        long t0 = System.nanoTime();
        MriReconstruction.Outcome outcome = MriReconstruction.run(problem, execution, options, warmUp,
                problem.setup().maxIterations(), ParallelMriExample::printProgress);
        return new Timed(outcome, (System.nanoTime() - t0) / 1e9);
    }

    /** Where a run's time went: what a parallel run pays before its solver starts is what it must win back. */
    private static String phases(Execution e, MriReconstruction.Outcome o) {
        String start = e.isParallel() ? String.format(Locale.ROOT, "workers started in %.2f s, ", o.buildNanos() / 1e9) : "";
        return String.format(Locale.ROOT, "%swarm-up %.2f s, solver %.2f s", start, o.warmUpNanos() / 1e9, o.nanos() / 1e9);
    }

    private static void printProgress(MriReconstruction.Progress p) {
        System.out.println(progressLine(p));
    }

    private static String progressLine(MriReconstruction.Progress p) {
        IterationState s = p.state();
        return String.format(Locale.ROOT, "it %3d  residual %.4e  alpha %.3e  CG %4d  error %.4f  %7.2f s",
                s.iteration(), s.residualNorm(), s.regularizationParameter(), s.innerIterations(), p.relativeError(),
                p.elapsedNanos() / 1e9);
    }

    /** How the parallel run is named in the output: how many workers serve how many coils. */
    private static String label = "parallel";

    private static String label(Execution e) {
        return e.isParallel() ? label : "sequential (one JVM)";
    }

    private static int sampledRows(MriProblem problem) {
        boolean[] m = problem.mask();
        int n = problem.setup().size();
        int rows = 0;
        for (int r = 0; r < n; r++) {
            rows += m[r * n] ? 1 : 0;
        }
        return rows;
    }

    /**
     * @param a an array. Not modified.
     * @param b an array of the same length. Not modified.
     * @return the largest entry of {@code |a − b|} over the largest {@code |b|}
     */
    public static double relativeDifference(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int k = 0; k < a.length; k++) {
            d = Math.max(d, Math.abs(a[k] - b[k]));
            s = Math.max(s, Math.abs(b[k]));
        }
        return d / (s == 0 ? 1 : s);
    }

    /**
     * Writes {@code density.png} (exact | reconstructed normalized density magnitude) and
     * {@code coils.png} (exact coil magnitudes above reconstructed ones, both normalized), each
     * panel with its title and a colour bar.
     *
     * @param problem the problem
     * @param x the reconstruction (solver unknowns). Not modified.
     * @param dir the directory
     */
    public static void writeImages(MriProblem problem, double[] x, Path dir) {
        int n = problem.setup().size();
        double[] exact = problem.exactSolution();
        double[] profiles = problem.profiles(x);
        PngImages.write(dir.resolve("density.png"), 300, 2,
                PngImages.Panel.square("exact |ρ| (normalized)", n, problem.normalizedMagnitude(exact)),
                PngImages.Panel.square("reconstructed |ρ̃| (normalized)", n, problem.normalizedMagnitude(profiles)));
        int c = problem.setup().coils();
        PngImages.Panel[] panels = new PngImages.Panel[2 * c];
        double[][] ex = normalizedCoils(problem, exact);
        double[][] rec = normalizedCoils(problem, profiles);
        for (int i = 0; i < c; i++) {
            panels[i] = PngImages.Panel.square("exact coil " + i, n, ex[i]);
            panels[c + i] = PngImages.Panel.square("reconstructed coil " + i, n, rec[i]);
        }
        PngImages.write(dir.resolve("coils.png"), 128, c, panels);
    }

    /** |cᵢ| / (Σ|cⱼ|²)^(1/2), regpy's normalized coils, as magnitudes. */
    private static double[][] normalizedCoils(MriProblem problem, double[] profiles) {
        double[][] parts = problem.domain().split(profiles);
        int c = parts.length - 1;
        int entries = parts[0].length / 2;
        double[][] m = new double[c][entries];
        for (int k = 0; k < entries; k++) {
            double sq = 0;
            for (int i = 1; i <= c; i++) {
                sq += parts[i][2 * k] * parts[i][2 * k] + parts[i][2 * k + 1] * parts[i][2 * k + 1];
            }
            double r = Math.sqrt(sq);
            for (int i = 1; i <= c; i++) {
                m[i - 1][k] = r == 0 ? 0 : Math.hypot(parts[i][2 * k], parts[i][2 * k + 1]) / r;
            }
        }
        return m;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
