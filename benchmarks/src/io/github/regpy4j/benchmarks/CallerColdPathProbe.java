package io.github.regpy4j.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.OperatorTransport;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What this JVM's parallel path costs the first time, in two ways.
 *
 * <ul>
 *   <li>{@code kryo}: in this fresh JVM, {@code new Kryo()}, then the library's generic serializer
 *       warm-up ({@link OperatorTransport#warmUpSerializer()}), then the copies of two of the MRI
 *       example's coil operators ({@link OperatorTransport#copyOf}), each timed: this JVM's first
 *       Kryo round trip, which a parallel operator with this JVM's share makes first of all.</li>
 *   <li>{@code none}, {@code kryo-only}, {@code scope}, {@code create} or {@code callsN}: the MRI
 *       example's treatment (the unmeasured sequential solve), then one part of the parallel path
 *       run once through on the library's own operators (two {@link Exponential}s of a
 *       distributed vector, {@code -Dprobe.size} doubles per component, default 64): a Kryo round
 *       trip only; a scope with a prestarted worker, closed after 0.4 s; a parallel operator
 *       created and closed; or N rounds of linearize, derivative, adjoint and normal operator on
 *       it. Then the example's parallel run (fresh scope, fresh cold worker) and its sequential
 *       run, timed. Alternate the parts, a JVM each: the machine's noise is as large as the
 *       effects (0.1–0.3 s); four rounds did not separate them in session 15.</li>
 * </ul>
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.CallerColdPathProbe kryo
 * java -cp $CP -Dprobe.size=8192 io.github.regpy4j.benchmarks.CallerColdPathProbe calls50
 * </pre>
 */
public final class CallerColdPathProbe {

    private CallerColdPathProbe() {}

    /**
     * @param args {@code kryo}, or the part to run before the example's parallel run
     * @throws Exception if a worker cannot start
     */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "none";
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
        if (what.equals("kryo")) {
            kryoTimings(problem.coilOperators());
            return;
        }
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        MriReconstruction.unmeasuredSolve(problem, MriReconstruction.WARM_UP_ROUNDS, p -> { });
        long tw = System.nanoTime();
        runPart(what, options);
        long t0 = System.nanoTime();
        MriReconstruction.Outcome o = MriReconstruction.run(problem, Execution.PARALLEL, options,
                MriReconstruction.WARM_UP_ROUNDS, problem.setup().maxIterations(), p -> { });
        long t1 = System.nanoTime();
        MriReconstruction.run(problem, Execution.SEQUENTIAL, options, MriReconstruction.WARM_UP_ROUNDS,
                problem.setup().maxIterations(), p -> { });
        System.out.printf(Locale.ROOT, "%-9s %.2f s | parallel %.2f s (start %.2f, warm-up %.2f, solver %.2f) sequential %.2f s%n",
                what, (t0 - tw) / 1e9, (t1 - t0) / 1e9, o.buildNanos() / 1e9, o.warmUpNanos() / 1e9, o.nanos() / 1e9,
                (System.nanoTime() - t1) / 1e9);
    }

    private static void kryoTimings(List<Operator> coils) {
        long t0 = System.nanoTime();
        new Kryo();
        long t1 = System.nanoTime();
        OperatorTransport.warmUpSerializer();
        long t2 = System.nanoTime();
        OperatorTransport.copyOf(coils.get(0));
        long t3 = System.nanoTime();
        OperatorTransport.copyOf(coils.get(1));
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "new Kryo %d ms, warmUpSerializer %d ms, first coil copy %d ms, second %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    private static void runPart(String what, WorkerOptions options) throws Exception {
        VectorSpace x = VectorSpace.real(Integer.getInteger("probe.size", 64));
        DirectSum domain = new DirectSum(x, x, x);
        List<Operator> ops = List.of(new Exponential(new DirectSum(x, x)), new Exponential(new DirectSum(x, x)));
        boolean[][] reads = {{true, true, false}, {true, false, true}};
        switch (what) {
            case "none" -> { }
            case "kryo-only" -> OperatorTransport.copyOf(ops.get(0));
            case "scope" -> {
                try (ParallelExecutionManager m = ParallelExecutionManager.builder().prestart(1).prestartOptions(options)
                        .build()) {
                    Thread.sleep(400);
                }
            }
            case "create" -> {
                try (ParallelExecutionManager m = new ParallelExecutionManager();
                        DistributedVectorOfOperators f = new DistributedVectorOfOperators(ops, domain, reads, options)) {
                    f.workerCount();
                }
            }
            default -> {
                if (!what.startsWith("calls")) {
                    throw new IllegalArgumentException("expected kryo, none, kryo-only, scope, create or callsN but got " + what);
                }
                int rounds = Integer.parseInt(what.substring("calls".length()));
                try (ParallelExecutionManager m = new ParallelExecutionManager();
                        DistributedVectorOfOperators f = new DistributedVectorOfOperators(ops, domain, reads, options)) {
                    Random r = new Random(20261206L);
                    double[] v = domain.randn(r);
                    double[] w = f.codomain().randn(r);
                    for (int i = 0; i < rounds; i++) {
                        Linearization l = f.linearize(v);
                        l.derivative().apply(v);
                        l.derivative().adjoint().apply(w);
                        l.derivative().normal().apply(v);
                    }
                }
            }
        }
    }
}
