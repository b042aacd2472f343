package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.examples.scattering.ScatteringProblem;
import io.github.regpy4j.examples.scattering.ScatteringReconstruction;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One of the two flagship examples as the ceiling probes ({@link CeilingProbe}, {@link
 * SolveCeilingProbe}) run it: its operators, evaluated sequentially, by blocks in this JVM, or by
 * workers, and the example's own warm-up and solve. Operators keep linearization state, so each
 * way of evaluating gets copies of its own from {@link #operators()}.
 */
abstract class Flagship {

    /** The seed of the point near the MRI initial guess where {@link #point()} linearizes. */
    private static final long SEED = 20261206L;

    /** A solve's wall time in nanoseconds and its final iterate. */
    record Solve(long nanos, double[] x) {}

    /**
     * @param which {@code scattering} or {@code mri}
     * @param size the grid's size
     * @param parts incident directions (scattering) or coils (MRI)
     * @param k the number of blocks: scattering splits its directions into {@code k} operators
     * @return the flagship
     * @throws IllegalArgumentException for another name
     */
    static Flagship named(String which, int size, int parts, int k) {
        return switch (which) {
            case "scattering" -> scattering(size, parts, k);
            case "mri" -> mri(size, parts);
            default -> throw new IllegalArgumentException("flagship: expected scattering or mri, found " + which);
        };
    }

    /** @return a fresh copy of the operators */
    abstract List<Operator> operators();

    /** @return the operator over {@code ops[from, to)}, evaluated in this JVM */
    abstract Operator block(List<Operator> ops, int from, int to);

    /** @return the workers' operator over all of {@code ops}, owned by the open manager */
    abstract Operator workers(List<Operator> ops, WorkerOptions options);

    /** @return a point to linearize at, near where the solver goes */
    abstract double[] point();

    /** Warms {@code forward} up as the example does before its solver's clock starts. */
    abstract void warmUp(Operator forward);

    /** @return the example's solve with {@code forward} */
    abstract Solve solve(Operator forward);

    /**
     * @return {@code k} operators over contiguous blocks of the operators, as grouped workers deal
     *     them (sizes differ by at most one, earlier blocks the larger), each block on a copy of
     *     its own: operators are not thread-safe, and copies from one {@link #operators()} call
     *     may share parts (the MRI coils share one smoother, whose FFT plan keeps scratch arrays)
     */
    final List<Operator> blocks(int k) {
        List<Operator> blocks = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            List<Operator> ops = operators();
            blocks.add(block(ops, start(b, k, ops.size()), start(b + 1, k, ops.size())));
        }
        return blocks;
    }

    /** @return the first operator of block {@code b} of {@code k} over {@code n} */
    private static int start(int b, int k, int n) {
        return b * (n / k) + Math.min(b, n % k);
    }

    private static Flagship scattering(int size, int directions, int k) {
        ScatteringProblem problem = new ScatteringProblem(size, directions, k);
        return new Flagship() {
            @Override
            List<Operator> operators() {
                // The example's split: k operators of D/k incident directions each.
                return new ArrayList<>(new ScatteringProblem(size, directions, k).parts());
            }

            @Override
            Operator block(List<Operator> ops, int from, int to) {
                return new VectorOfOperators(ops.subList(from, to));
            }

            @Override
            Operator workers(List<Operator> ops, WorkerOptions options) {
                return new ParallelVectorOfOperators(ops, options);
            }

            @Override
            double[] point() {
                return problem.exactContrast();
            }

            @Override
            void warmUp(Operator forward) {
                ScatteringReconstruction.warmUp(forward, problem, ScatteringReconstruction.WARM_UP_ROUNDS);
            }

            @Override
            Solve solve(Operator forward) {
                ScatteringReconstruction.Outcome o = ScatteringReconstruction.run(problem, forward, p -> { });
                return new Solve(o.nanos(), o.reconstruction());
            }
        };
    }

    private static Flagship mri(int size, int coils) {
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, coils));
        return new Flagship() {
            @Override
            List<Operator> operators() {
                return new ArrayList<>(new MriProblem(MriSetup.regpyExample().resized(size, coils)).coilOperators());
            }

            @Override
            Operator block(List<Operator> ops, int from, int to) {
                boolean[][] rows = Arrays.copyOfRange(problem.distribution(), from, to);
                return new VectorOfOperators(ops.subList(from, to), problem.domain(), rows);
            }

            @Override
            Operator workers(List<Operator> ops, WorkerOptions options) {
                return new DistributedVectorOfOperators(ops, problem.domain(), problem.distribution(), options);
            }

            @Override
            double[] point() {
                Random rng = new Random(SEED);
                double[] x = problem.initialGuess().clone();
                double[] noise = problem.domain().randn(rng);
                for (int i = 0; i < x.length; i++) {
                    x[i] += 0.1 * noise[i];
                }
                return x;
            }

            @Override
            void warmUp(Operator forward) {
                MriReconstruction.warmUp(forward, problem, MriReconstruction.WARM_UP_ROUNDS);
            }

            @Override
            Solve solve(Operator forward) {
                MriReconstruction.Outcome o = MriReconstruction.run(problem, forward, p -> { });
                return new Solve(o.nanos(), o.reconstruction());
            }
        };
    }
}
