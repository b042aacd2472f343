package io.github.regpy4j.readme;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerLauncher;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.CountIterations;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.solvers.IrgnmCg;
import io.github.regpy4j.solvers.SolverResult;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.time.Duration;
import java.util.List;

/**
 * The Java snippets of README.md and docs/README.md, each copied verbatim between a {@code
 * README:begin} and a {@code README:end} line, inside a method whose parameters declare what the
 * snippet uses. So they compile with the tests; {@link ReadmeSnippetsTest} checks that the
 * documents still hold exactly these snippets. When a snippet changes, change it in both places.
 * Nothing here runs.
 */
@SuppressWarnings({"try", "unused"})  // the snippets declare results they do not use
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    static void irgnmOnParallelCoils(List<Operator> coilOperators, DirectSum domain, boolean[][] distribution,
            double[] data, double[] x0, double delta) {
        // README:begin
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            Operator forward = new DistributedVectorOfOperators(coilOperators, domain, distribution);
            SolverResult result = IrgnmCg.builder(forward, data).init(x0).build()
                    .run(new CountIterations(100).or(new Discrepancy(delta, 1.1)));
        }   // every worker JVM is gone here, also if the body threw
        // README:end
    }

    static void usingIt(Operator f0, Operator f1, Operator f2, double[] x, double[] r, double[] h) {
        // README:begin
        List<Operator> ops = List.of(f0, f1, f2);            // any Operators with a common domain
        try (var parallel = new ParallelVectorOfOperators(ops,
                WorkerOptions.defaults().withJvmArgs(List.of("-Xmx2g")).withCallTimeout(Duration.ofMinutes(5)))) {
            double[] y = parallel.apply(x);                 // (f0(x), f1(x), f2(x)), concatenated
            Linearization l = parallel.linearize(x);
            double[] g = l.derivative().adjoint().apply(r); // Σ fᵢ'(x)* rᵢ
            double[] n = l.derivative().normal().apply(h);  // Σ fᵢ'(x)* fᵢ'(x) h, each term in its worker
        }
        // README:end
    }

    static void prestarting(double[] x) {
        // README:begin
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        try (var scope = ParallelExecutionManager.builder()
                .prestart(options.workerCountFor(10)).prestartOptions(options).build()) {
            List<Operator> coils = buildTenCoilOperators();   // the worker boots meanwhile
            try (var parallel = new ParallelVectorOfOperators(coils, options)) {
                double[] y = parallel.apply(x);
            }
        }   // also ends a worker that is still booting
        // README:end
    }

    private static List<Operator> buildTenCoilOperators() {
        throw new UnsupportedOperationException("the snippets only compile");
    }

    static void launchers() {
        // README:begin
        WorkerOptions onSlurm = WorkerOptions.defaults().withLauncher(WorkerLauncher.srun());          // one srun step per worker
        WorkerOptions onHosts = WorkerOptions.defaults().withLauncher(
                WorkerLauncher.ssh(List.of("node1", "node2")).withUser("alice"));                   // round-robin over hosts
        WorkerOptions anyOther = WorkerOptions.defaults().withLauncher(
                WorkerLauncher.commandPrefix(List.of("kubectl", "exec", "-i", "solver-0", "--")));
        // README:end
    }
}
