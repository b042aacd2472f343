package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.DenseMatrix;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Product;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grouped workers ({@link WorkerOptions#withMaxWorkers(int)}): N operators on k &lt; N worker
 * JVMs, dealt in contiguous blocks. Values and derivatives equal the sequential ones bit for bit;
 * adjoints differ only by the order of the additions; everything else (restarts, timeouts, warm
 * reuse, launchers, failures naming the operator) works as with one worker per operator.
 */
@Timeout(90)
class GroupedWorkersTest {

    private static final long SEED = 20261205L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void operatorsAreDealtInContiguousBlocksAsEvenAsPossibleEarlierOnesLarger() {
        OperatorBlocks b = OperatorBlocks.deal(10, 4);
        assertThat(b.count()).isEqualTo(4);
        assertThat(List.of(b.size(0), b.size(1), b.size(2), b.size(3))).containsExactly(3, 3, 2, 2);
        assertThat(List.of(b.first(0), b.first(1), b.first(2), b.first(3), b.end(3))).containsExactly(0, 3, 6, 8, 10);
        assertThat(OperatorBlocks.deal(3, 5).count()).as("never more workers than operators").isEqualTo(3);
        assertThat(OperatorBlocks.deal(3, 5).grouped()).isFalse();
        assertThat(OperatorBlocks.deal(7, 1).size(0)).isEqualTo(7);
        assertThat(WorkerOptions.defaults().maxWorkers()).as("default: one worker per operator").isEqualTo(Integer.MAX_VALUE);
        assertThat(WorkerOptions.defaults().withMaxWorkers(3).maxWorkers()).isEqualTo(3);
        assertThat(WorkerOptions.defaults().withMaxWorkers(3)).isNotEqualTo(WorkerOptions.defaults())
                .isEqualTo(WorkerOptions.defaults().withMaxWorkers(3));
        assertThatThrownBy(() -> WorkerOptions.defaults().withMaxWorkers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 but is 0");
    }

    @Test
    void workerCountForCountsTheJvmsAnOperatorWillStart() {
        WorkerOptions d = WorkerOptions.defaults();
        assertThat(d.workerCountFor(10)).as("one per operator").isEqualTo(10);
        assertThat(d.withMaxWorkers(3).workerCountFor(10)).isEqualTo(3);
        assertThat(d.withMaxWorkers(3).workerCountFor(2)).as("no more than operators").isEqualTo(2);
        assertThat(d.withMaxWorkers(3).withCallerShare(true).workerCountFor(10)).as("4 blocks, 1 here").isEqualTo(3);
        assertThat(d.withMaxWorkers(5).withCallerShare(true).workerCountFor(3)).as("3 blocks, 1 here").isEqualTo(2);
        assertThat(d.withCallerShare(true).workerCountFor(10)).as("one per operator but this JVM's").isEqualTo(9);
        assertThat(d.withCallerShare(true).workerCountFor(1)).as("a single operator is not shared").isEqualTo(1);
        assertThatThrownBy(() -> d.workerCountFor(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 operator but has 0");
    }

    @Test
    void fiveNonlinearOperatorsOnTwoWorkersAgreeWithTheSequentialOnes() {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(7);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ops.add(new Quadratic(x, x.randn(rng), i - 2.0));
        }
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withMaxWorkers(2))) {
            assertThat(parallel.workerCount()).isEqualTo(2);
            assertThat(parallel.workerProcesses()).hasSize(2).doesNotHaveDuplicates();
            Agreement.assertAgree(parallel, new VectorOfOperators(ops), rng, SEED);
        }
    }

    @Test
    void linearOperatorsWithDifferentCodomainsOnThreeWorkersAndTheirAdjointEvaluatesIntoAnArray() {
        Random rng = new Random(SEED + 1);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ops.add(DenseMatrix.random(1 + i, 5, rng));
        }
        VectorOfOperators sequential = new VectorOfOperators(ops);
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withMaxWorkers(3))) {
            assertThat(parallel.workerCount()).isEqualTo(3);
            Agreement.assertAgree(parallel, sequential, rng, SEED);
            double[] y = parallel.codomain().randn(rng);
            double[] out = new double[5];
            java.util.Arrays.fill(out, Double.NaN); // stale contents must all be overwritten
            parallel.adjoint().applyInto(y, out);
            Agreement.assertClose(out, sequential.adjoint().apply(y), "adjoint().applyInto", SEED);
            assertThat(parallel.adjoint().evaluatesInto()).isTrue();
        }
    }

    @Test
    void distributedOperatorsGroupedReadEachComponentOnceAndAgree() {
        Random rng = new Random(SEED + 2);
        VectorSpace r4 = VectorSpace.real(4);
        VectorSpace r2 = VectorSpace.real(2);
        DirectSum domain = new DirectSum(r4, r4, new DirectSum(r2, r2), r4);
        List<Operator> ops = List.of(
                new Quadratic(r4, r4.randn(rng), 1.0),    // 0: component 0
                new Product(r4),                          // 1: components 0 and 1
                new Product(r2),                          // 2: component 2
                new Quadratic(r4, r4.randn(rng), -0.5),   // 3: component 1
                new Product(r4));                         // 4: components 1 and 3
        boolean[][] distribution = {
            {true, false, false, false},
            {true, true, false, false},
            {false, false, true, false},
            {false, true, false, false},
            {false, true, false, true},
        };
        VectorOfOperators sequential = new VectorOfOperators(ops, domain, distribution);
        for (int k : new int[] {1, 2, 3, 5}) {
            try (var parallel = new DistributedVectorOfOperators(ops, domain, distribution,
                    WorkerOptions.defaults().withMaxWorkers(k))) {
                assertThat(parallel.workerCount()).isEqualTo(k)
                        .isEqualTo(WorkerOptions.defaults().withMaxWorkers(k).workerCountFor(ops.size()));
                Agreement.assertAgree(parallel, sequential, rng, SEED);
                if (k == 2) {
                    // Blocks {0, 1, 2} and {3, 4}: components 0, 1, 2 (4 + 4 + 4 doubles) and 1, 3 (4 + 4),
                    // each once, though operators 0 and 1 both read component 0.
                    assertThat(parallel.units.distribution().operatorDomain(0).realSize()).isEqualTo(12);
                    assertThat(parallel.units.distribution().operatorDomain(1).realSize()).isEqualTo(8);
                }
                // The adjoint into a caller's array, every stale entry overwritten.
                double[] x = domain.randn(rng);
                Operator adjoint = parallel.linearize(x).derivative().adjoint();
                Operator expected = sequential.linearize(x).derivative().adjoint();
                double[] y = parallel.codomain().randn(rng);
                double[] out = new double[domain.realSize()];
                java.util.Arrays.fill(out, Double.NaN);
                adjoint.applyInto(y, out);
                if (k == ops.size()) {
                    assertThat(out).as("one worker per operator: the adjoint bit for bit (seed %d)", SEED)
                            .isEqualTo(expected.apply(y));
                } else {
                    Agreement.assertClose(out, expected.apply(y), "adjoint applyInto, k = " + k, SEED);
                }
            }
        }
    }

    @Test
    void aComponentSharedByEveryOperatorOfABlockTravelsOnce() {
        // The MRI case: a density read by every coil, and a coil sensitivity per coil.
        VectorSpace r3 = VectorSpace.real(3);
        List<VectorSpace> summands = new ArrayList<>();
        summands.add(r3);
        int coils = 5;
        boolean[][] distribution = new boolean[coils][coils + 1];
        List<Operator> ops = new ArrayList<>();
        for (int c = 0; c < coils; c++) {
            summands.add(r3);
            distribution[c][0] = true;
            distribution[c][c + 1] = true;
            ops.add(new Product(r3));
        }
        DirectSum domain = new DirectSum(summands);
        Random rng = new Random(SEED + 3);
        try (var parallel = new DistributedVectorOfOperators(ops, domain, distribution,
                WorkerOptions.defaults().withMaxWorkers(2))) {
            // Worker 0 serves coils 0-2: the density once and three sensitivities, 4 × 3 doubles, not 6 × 3.
            assertThat(parallel.units.distribution().operatorDomain(0).realSize()).isEqualTo(12);
            assertThat(parallel.units.distribution().operatorDomain(1).realSize()).isEqualTo(9);
            Agreement.assertAgree(parallel, new VectorOfOperators(ops, domain, distribution), rng, SEED);
        }
    }

    @Test
    void anOperatorThatThrowsIsNamedByItsIndexAndItsWorker() {
        VectorSpace r2 = VectorSpace.real(2);
        DirectSum domain = new DirectSum(r2, r2, r2);
        List<Operator> ops = List.of(new Misbehaving(2), new Misbehaving(2), new Misbehaving(2));
        boolean[][] distribution = {{true, false, false}, {false, true, false}, {false, false, true}};
        try (var parallel = new DistributedVectorOfOperators(ops, domain, distribution,
                WorkerOptions.defaults().withMaxWorkers(2))) {
            double[] x = domain.join(new double[] {1, 2}, Trigger.THROW.argument(2), new double[] {5, 6});
            assertThatThrownBy(() -> parallel.apply(x)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("worker 0 (operators 0–1")
                    .hasMessageContaining("operator 1 (Misbehaving")
                    .hasMessageContaining("java.lang.ArithmeticException: asked to throw")
                    .cause().isInstanceOf(RemoteThrowable.class)
                    .satisfies(c -> assertThat(((RemoteThrowable) c).remoteClassName())
                            .as("the user sees the operator's own exception").isEqualTo("java.lang.ArithmeticException"));
            assertThat(parallel.apply(domain.join(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6})))
                    .as("every worker stays usable").containsExactly(1, 2, 3, 4, 5, 6);
            // The normal operator runs each member's in turn in the worker: the same naming.
            assertThatThrownBy(() -> parallel.normal().apply(x)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("worker 0 (operators 0–1")
                    .hasMessageContaining("operator 1 (Misbehaving")
                    .hasMessageContaining("java.lang.ArithmeticException: asked to throw");
            assertThat(parallel.normal().apply(domain.join(new double[] {1, 2}, new double[] {3, 4},
                    new double[] {5, 6}))).as("every worker stays usable after normal").containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aCrashNamesTheWorkerAndTheOperatorsItServed() {
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2),
                new Misbehaving(2)), WorkerOptions.defaults().withMaxWorkers(2))) {
            assertThatThrownBy(() -> parallel.apply(Trigger.EXIT.argument(2))).isInstanceOf(WorkerCrashedException.class)
                    .hasMessageMatching("(?s).*worker (0 \\(operators 0–1|1 \\(operator 2).*died during eval_nodiff.*");
            assertThat(parallel.isRunning()).isFalse();
        }
    }

    @Test
    void aKilledGroupedWorkerIsRestartedWithItsWholeBlock() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(2).withMaxRestarts(1);
        List<Operator> ops = List.of(new Misbehaving(2), new Misbehaving(2), new Misbehaving(2));
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            ProcessHandle first = parallel.workerProcesses().get(0);
            ProcessHandle second = parallel.workerProcesses().get(1);
            new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start().waitFor();
            first.onExit().get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> parallel.apply(new double[] {1, 2})).isInstanceOf(WorkerCrashedException.class)
                    .hasMessageContaining("worker 0 (operators 0–1");
            assertThat(parallel.isRunning()).isTrue();
            assertThat(parallel.workerProcesses().get(1)).isEqualTo(second);
            assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 2, 1, 2, 1, 2);
        }
    }

    @Test
    void aGroupedCallOverTheTimeoutFailsAndEndsTheWorkers() {
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallTimeout(Duration.ofMillis(300));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), options)) {
            assertThat(parallel.workerCount()).isEqualTo(1);
            assertThatThrownBy(() -> parallel.apply(Trigger.SLEEP.argument(2))).isInstanceOf(WorkerTimeoutException.class)
                    .hasMessageContaining("operators 0–1").hasMessageContaining("300 ms");
            assertThat(parallel.isRunning()).isFalse();
        }
    }

    @Test
    void groupedWorkersGoBackToTheManagerAndServeTheNextOperator() {
        VectorSpace x = VectorSpace.real(3);
        try (var scope = new ParallelExecutionManager()) {
            List<ProcessHandle> first;
            WorkerOptions two = WorkerOptions.defaults().withMaxWorkers(2);
            try (var a = new ParallelVectorOfOperators(List.of(new Misbehaving(3), new Misbehaving(3), new Misbehaving(3),
                    new Misbehaving(3)), two)) {
                first = a.workerProcesses();
                assertThat(a.apply(new double[] {1, 2, 3})).hasSize(12);
            }
            assertThat(scope.idleWorkerCount()).isEqualTo(2);
            List<Operator> ops = List.of(new Quadratic(x, x.ones(), 0), new Quadratic(x, x.ones(), 1),
                    new Quadratic(x, x.ones(), 2));
            try (var b = new ParallelVectorOfOperators(ops, two)) {
                assertThat(b.workerProcesses()).containsExactlyInAnyOrderElementsOf(first);
                assertThat(b.apply(new double[] {1, 2, 3})).containsExactly(1, 4, 9, 2, 6, 12, 3, 8, 15);
                Linearization l = b.linearize(new double[] {1, 2, 3});
                assertThat(l.derivative().apply(x.ones())).containsExactly(2, 4, 6, 3, 5, 7, 4, 6, 8);
            }
        }
    }

    @Test
    void groupedWorkersStartedByALauncherServe() {
        // "env" as the prefix: a launcher that is not the local one (no shared memory), on this machine.
        WorkerOptions o = WorkerOptions.defaults().withMaxWorkers(2)
                .withLauncher(WorkerLauncher.commandPrefix(List.of("env")));
        Random rng = new Random(SEED + 4);
        VectorSpace x = VectorSpace.real(3000); // 24 KB: above the shared-memory threshold, through the pipe here
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2),
                new Quadratic(x, x.randn(rng), 3));
        try (var parallel = new ParallelVectorOfOperators(ops, o)) {
            assertThat(parallel.workerCount()).isEqualTo(2);
            Agreement.assertAgree(parallel, new VectorOfOperators(ops), rng, SEED);
        }
    }

    @Test
    void largeVectorsThroughSharedMemoryAndThroughThePipesAgree() {
        Random rng = new Random(SEED + 5);
        VectorSpace x = VectorSpace.real(100_000);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2),
                new Quadratic(x, x.randn(rng), 3));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        for (WorkerOptions o : List.of(WorkerOptions.defaults().withMaxWorkers(2),
                WorkerOptions.defaults().withMaxWorkers(2).withoutSharedMemory())) {
            try (var parallel = new ParallelVectorOfOperators(ops, o)) {
                Agreement.assertAgree(parallel, sequential, rng, SEED);
            }
        }
    }

    @Test
    void withOneWorkerPerOperatorALargeAdjointIsSummedBitForBitAsSequentially() {
        // 3 × 300,000 doubles: the sum is split between two threads by index, each entry still
        // added up in worker order.
        Random rng = new Random(SEED + 6);
        VectorSpace x = VectorSpace.real(300_000);
        List<Operator> ops = List.of(new io.github.regpy4j.operators.Identity(x),
                new io.github.regpy4j.operators.Identity(x).scale(-2.5), new io.github.regpy4j.operators.Identity(x).scale(1 / 3.0));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        for (WorkerOptions o : List.of(WorkerOptions.defaults(), WorkerOptions.defaults().withoutSharedMemory())) {
            try (var parallel = new ParallelVectorOfOperators(ops, o)) {
                double[] y = parallel.codomain().randn(rng);
                assertThat(parallel.adjoint().apply(y)).as("adjoint, %s (seed %d)", o, SEED)
                        .isEqualTo(sequential.adjoint().apply(y));
                double[] out = new double[x.realSize()];
                parallel.adjoint().applyInto(y, out);
                assertThat(out).as("adjoint().applyInto, %s (seed %d)", o, SEED).isEqualTo(sequential.adjoint().apply(y));
            }
        }
    }
}
