package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures, without changing the runtime, what session 17's first design for item 3 of issue 12
 * would give the MRI example: an operator usable before its workers are ready. {@link Handover}
 * evaluates the sequential operator until the parallel one, built on another thread meanwhile,
 * is ready, and switches to it at the next linearization (a derivative belongs to the operator
 * that linearized). Each round, in one JVM after an unmeasured sequential solve as the example
 * runs: the example's parallel run (the constructor waits for the worker), the same with the
 * hand-over, and the sequential run, each with its warm-up rounds and solve, in rotating order.
 *
 * <p>With a second argument {@code S > 0}, a fourth run simulates the second design: the worker
 * warms on shadow calls before the hand-over. On the other thread an operator of every coil on
 * the worker (no share of this JVM's) runs {@code S} warm-up rounds, whose results nobody uses,
 * and closes; the example's operator is then built on the same, now warm, worker. Meanwhile the
 * solve runs sequentially on this thread, as in the hand-over.
 *
 * <pre>java -XX:+UseSerialGC -cp $CP io.github.regpy4j.benchmarks.HandoverProbe [rounds] [S]</pre>
 */
public final class HandoverProbe {

    private static final int WARM_UP_ROUNDS = 5;

    private HandoverProbe() {}

    /**
     * The sequential operator until the parallel one is ready; from the first linearization after
     * that, the parallel one.
     */
    static final class Handover extends Operator {
        private final Operator sequential;
        private final CompletableFuture<DistributedVectorOfOperators> parallel;
        /** The derivative of the last linearization, of whichever operator made it. */
        private Operator derivative;
        /** The calls evaluated sequentially, for the report. */
        int sequentialCalls;

        Handover(Operator sequential, CompletableFuture<DistributedVectorOfOperators> parallel) {
            super(sequential.domain(), sequential.codomain(), false);
            this.sequential = sequential;
            this.parallel = parallel;
        }

        private Operator current() {
            Operator p = parallel.getNow(null);
            if (p == null) {
                sequentialCalls++;
                return sequential;
            }
            return p;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            Operator op = current();
            if (!differentiate) {
                return op.apply(x);
            }
            Linearization l = op.linearize(x);
            derivative = l.derivative();
            return l.value();
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            return derivative.apply(h);
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return derivative.adjoint().apply(y);
        }

        @Override
        protected double[] applyNormal(double[] h) {
            return derivative.normal().apply(h);
        }
    }

    /** @param args rounds (default 4) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int shadowRounds = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int ways = shadowRounds > 0 ? 4 : 3;
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
        MriReconstruction.unmeasuredSolve(problem, WARM_UP_ROUNDS, p -> { });
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        WorkerOptions shadowOptions = WorkerOptions.defaults().withMaxWorkers(1);
        String[] names = {"parallel, as the example", "parallel, hand-over", "sequential", "parallel, shadow warm-up"};
        List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < ways; k++) {
                int which = (k + r) % ways;
                long t0 = System.nanoTime();
                String detail = "";
                if (which == 0) {
                    MriReconstruction.run(problem, Execution.PARALLEL, options, WARM_UP_ROUNDS,
                            problem.setup().maxIterations(), p -> { });
                } else if (which == 2) {
                    MriReconstruction.run(problem, Execution.SEQUENTIAL, options, WARM_UP_ROUNDS,
                            problem.setup().maxIterations(), p -> { });
                } else {
                    try (ParallelExecutionManager m = ParallelExecutionManager.builder().prestart(1)
                            .prestartOptions(options).build()) {
                        boolean shadow = which == 3;
                        CompletableFuture<DistributedVectorOfOperators> parallel = CompletableFuture.supplyAsync(() -> {
                            if (shadow) {
                                try (DistributedVectorOfOperators warming = new DistributedVectorOfOperators(
                                        problem.coilOperators(), problem.domain(), problem.distribution(), shadowOptions)) {
                                    MriReconstruction.warmUp(warming, problem, shadowRounds);
                                }
                            }
                            return new DistributedVectorOfOperators(problem.coilOperators(), problem.domain(),
                                    problem.distribution(), options);
                        });
                        Handover forward = new Handover(new VectorOfOperators(problem.coilOperators(), problem.domain(),
                                problem.distribution()), parallel);
                        try {
                            MriReconstruction.warmUp(forward, problem, WARM_UP_ROUNDS);
                            MriReconstruction.run(problem, forward, problem.setup().maxIterations(), p -> { });
                        } finally {
                            parallel.join().close();
                        }
                        detail = " (" + forward.sequentialCalls + " calls sequential before the hand-over)";
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                seconds.get(which).add(s);
                System.out.printf(Locale.ROOT, "round %d: %-26s %.2f s%s%n", r, names[which], s, detail);
            }
        }
        for (int k = 0; k < ways; k++) {
            double[] v = seconds.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(Locale.ROOT, "%-26s median %.2f s over %d rounds (%s)%n", names[k], Stats.median(v), v.length,
                    Stats.of(v).format("%.2f"));
        }
    }
}
