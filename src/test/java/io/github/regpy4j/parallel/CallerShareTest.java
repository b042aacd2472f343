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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * This JVM's share ({@link WorkerOptions#withCallerShare(boolean)}): the last block of operators
 * evaluated on the calling thread while the workers evaluate theirs. Values and derivatives equal
 * the sequential ones bit for bit, sums differ only by the order of the additions; the share
 * evaluates its own copy, fails as a worker does, and leaves nothing running.
 */
@Timeout(90)
class CallerShareTest {

    private static final long SEED = 20261206L;
    private static final WorkerOptions ONE_WORKER_AND_THIS_JVM = WorkerOptions.defaults().withMaxWorkers(1)
            .withCallerShare(true);

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void theOptionIsOffByDefaultAndPartOfTheOptionsValue() {
        assertThat(WorkerOptions.defaults().callerShare()).as("regpy's semantics: every operator in a worker").isFalse();
        assertThat(ONE_WORKER_AND_THIS_JVM.callerShare()).isTrue();
        assertThat(ONE_WORKER_AND_THIS_JVM).isNotEqualTo(WorkerOptions.defaults().withMaxWorkers(1))
                .isEqualTo(WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true))
                .hasSameHashCodeAs(WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true));
        assertThat(ONE_WORKER_AND_THIS_JVM.toString()).contains("callerShare=true");
    }

    @Test
    void fiveNonlinearOperatorsOnOneWorkerAndThisJvmAgreeWithTheSequentialOnes() {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(7);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ops.add(new Quadratic(x, x.randn(rng), i - 2.0));
        }
        try (var parallel = new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM)) {
            assertThat(parallel.workerCount()).as("one worker JVM; operators 3–4 are this JVM's").isEqualTo(1);
            assertThat(parallel.workerProcesses()).hasSize(1);
            Agreement.assertAgree(parallel, new VectorOfOperators(ops), rng, SEED);
        }
    }

    @Test
    void linearOperatorsWithDifferentCodomainsOnTwoWorkersAndThisJvmEvaluateIntoArrays() {
        Random rng = new Random(SEED + 1);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ops.add(DenseMatrix.random(1 + i, 5, rng));
        }
        VectorOfOperators sequential = new VectorOfOperators(ops);
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withMaxWorkers(2)
                .withCallerShare(true))) {
            assertThat(parallel.workerCount()).as("blocks 0–2, 3–4 in workers, 5–6 here").isEqualTo(2);
            Agreement.assertAgree(parallel, sequential, rng, SEED);
            double[] x = parallel.domain().randn(rng);
            double[] value = new double[parallel.codomain().realSize()];
            Arrays.fill(value, Double.NaN); // stale contents must all be overwritten
            parallel.applyInto(x, value);
            assertThat(value).as("applyInto (seed %d)", SEED).isEqualTo(sequential.apply(x));
            double[] y = parallel.codomain().randn(rng);
            double[] out = new double[5];
            Arrays.fill(out, Double.NaN);
            parallel.adjoint().applyInto(y, out);
            Agreement.assertClose(out, sequential.adjoint().apply(y), "adjoint().applyInto", SEED);
            double[] normal = new double[5];
            Arrays.fill(normal, Double.NaN);
            parallel.normal().applyInto(x, normal);
            Agreement.assertClose(normal, sequential.adjoint().apply(sequential.apply(x)), "normal().applyInto", SEED);
        }
    }

    @Test
    void distributedOperatorsWithComponentsReadOnlyByThisJvmAgree() {
        Random rng = new Random(SEED + 2);
        VectorSpace r4 = VectorSpace.real(4);
        VectorSpace r2 = VectorSpace.real(2);
        DirectSum domain = new DirectSum(r4, r4, new DirectSum(r2, r2), r4, r4);
        List<Operator> ops = List.of(
                new Quadratic(r4, r4.randn(rng), 1.0),    // 0: component 0
                new Product(r4),                          // 1: components 0 and 1
                new Product(r2),                          // 2: component 2
                new Quadratic(r4, r4.randn(rng), -0.5),   // 3: component 1
                new Product(r4));                         // 4: components 1 and 3; component 4 read by none
        boolean[][] distribution = {
            {true, false, false, false, false},
            {true, true, false, false, false},
            {false, false, true, false, false},
            {false, true, false, false, false},
            {false, true, false, true, false},
        };
        VectorOfOperators sequential = new VectorOfOperators(ops, domain, distribution);
        for (int k : new int[] {1, 2, 4}) {
            try (var parallel = new DistributedVectorOfOperators(ops, domain, distribution,
                    WorkerOptions.defaults().withMaxWorkers(k).withCallerShare(true))) {
                assertThat(parallel.workerCount()).as("worker JVMs beside this JVM's share").isEqualTo(k);
                assertThat(WorkerOptions.defaults().withMaxWorkers(k).withCallerShare(true).workerCountFor(ops.size()))
                        .as("what to prestart for it").isEqualTo(k);
                Agreement.assertAgree(parallel, sequential, rng, SEED);
                double[] x = domain.randn(rng);
                double[] y = parallel.codomain().randn(rng);
                double[] out = new double[domain.realSize()];
                Arrays.fill(out, Double.NaN); // component 4, read by no operator, must become zero
                parallel.linearize(x).derivative().adjoint().applyInto(y, out);
                Agreement.assertClose(out, sequential.linearize(x).derivative().adjoint().apply(y),
                        "adjoint().applyInto, " + k + " workers", SEED);
            }
        }
    }

    @Test
    void largeVectorsThroughSharedMemoryAndThroughThePipesAgree() {
        // 100,000 doubles: replies through shared memory, or streamed into the sum from the pipes.
        Random rng = new Random(SEED + 3);
        VectorSpace x = VectorSpace.real(100_000);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2),
                new Quadratic(x, x.randn(rng), 3));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        for (WorkerOptions o : List.of(ONE_WORKER_AND_THIS_JVM, ONE_WORKER_AND_THIS_JVM.withoutSharedMemory())) {
            try (var parallel = new ParallelVectorOfOperators(ops, o)) {
                Agreement.assertAgree(parallel, sequential, rng, SEED);
            }
        }
    }

    @Test
    void anOperatorThatThrowsInThisJvmIsNamedAsAWorkersWouldBeAndEverythingStaysUsable() {
        VectorSpace r2 = VectorSpace.real(2);
        DirectSum domain = new DirectSum(r2, r2, r2);
        List<Operator> ops = List.of(new Misbehaving(2), new Misbehaving(2), new Misbehaving(2));
        boolean[][] distribution = {{true, false, false}, {false, true, false}, {false, false, true}};
        try (var parallel = new DistributedVectorOfOperators(ops, domain, distribution,
                WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true))) {
            // Blocks: operators 0–1 in the worker, operator 2 here.
            double[] x = domain.join(new double[] {1, 2}, new double[] {3, 4}, Trigger.THROW.argument(2));
            assertThatThrownBy(() -> parallel.apply(x)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("this JVM (operator 2")
                    .hasMessageContaining("threw during eval_nodiff")
                    .hasMessageContaining("java.lang.ArithmeticException: asked to throw")
                    .cause().isInstanceOf(RemoteThrowable.class)
                    .satisfies(c -> assertThat(((RemoteThrowable) c).remoteClassName())
                            .isEqualTo("java.lang.ArithmeticException"));
            double[] good = domain.join(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
            assertThat(parallel.apply(good)).as("the worker and the share stay usable").containsExactly(1, 2, 3, 4, 5, 6);
            assertThatThrownBy(() -> parallel.normal().apply(x)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("this JVM (operator 2").hasMessageContaining("threw during normal");
            // The worker's operator 1 and the share's operator 2 both throw: the first in operator
            // order is thrown, the other suppressed.
            double[] both = domain.join(new double[] {1, 2}, Trigger.THROW.argument(2), Trigger.THROW.argument(2));
            assertThatThrownBy(() -> parallel.apply(both)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("worker 0 (operators 0–1").hasMessageContaining("operator 1 (Misbehaving")
                    .satisfies(e -> assertThat(e.getSuppressed()).as("the share's own failure")
                            .anySatisfy(s -> assertThat(s).hasMessageContaining("asked to throw")));
            assertThat(parallel.apply(good)).as("still usable").containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aBlockInThisJvmNamesTheMemberThatThrew() {
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2),
                new Misbehaving(2), new Misbehaving(2), new Misbehaving(2)), ONE_WORKER_AND_THIS_JVM)) {
            // Blocks: operators 0–2 in the worker, 3–4 here; every operator throws on this argument.
            assertThatThrownBy(() -> parallel.apply(Trigger.THROW.argument(2))).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("worker 0 (operators 0–2")
                    .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s)
                            .isInstanceOf(RemoteOperatorException.class)
                            .hasMessageContaining("this JVM (operators 3–4").hasMessageContaining("operator 3 (Misbehaving")));
            assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 2, 1, 2, 1, 2, 1, 2, 1, 2);
        }
    }

    @Test
    void theShareEvaluatesItsOwnCopyNotTheCallersOperators() {
        // The caller linearizes its own operator elsewhere between the parallel linearization and
        // the derivative's use: had the share evaluated the caller's instance, the derivative would
        // be taken at that other point.
        VectorSpace x = VectorSpace.real(5);
        List<Operator> ops = twoQuadratics(x, new Random(SEED + 4));
        VectorOfOperators sequential = new VectorOfOperators(twoQuadratics(x, new Random(SEED + 4)));
        Random rng = new Random(SEED + 5);
        try (var parallel = new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM)) {
            double[] p = x.randn(rng);
            Linearization lp = parallel.linearize(p);
            Linearization ls = sequential.linearize(p);
            ops.get(1).linearize(x.randn(rng));
            double[] h = x.randn(rng);
            assertThat(lp.derivative().apply(h)).as("derivative at p (seed %d)", SEED)
                    .isEqualTo(ls.derivative().apply(h));
        }
    }

    private static List<Operator> twoQuadratics(VectorSpace x, Random rng) {
        return List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2));
    }

    @Test
    void callsFromTwoThreadsAreSerializedAndEachGetsItsOwnResult() throws Exception {
        // Each call keeps the share's result apart: a thread waiting for the call lock must not
        // take, or clear, the result of the call in progress.
        Random rng = new Random(SEED + 6);
        VectorSpace x = VectorSpace.real(6);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2),
                new Quadratic(x, x.randn(rng), 3));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        int callsPerThread = 200;
        try (var parallel = new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    // Points and expected values made here: the sequential operators are not shared between threads.
                    double[][] points = new double[callsPerThread][];
                    double[][] expected = new double[callsPerThread][];
                    for (int c = 0; c < callsPerThread; c++) {
                        points[c] = x.randn(rng);
                        expected[c] = sequential.apply(points[c]);
                    }
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int c = 0; c < callsPerThread; c++) {
                            assertThat(parallel.apply(points[c])).as("call %d of thread %d (seed %d)", c, thread, SEED)
                                    .isEqualTo(expected[c]);
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void withALauncherInAManagerAndAfterARestartTheShareKeepsWorking() throws Exception {
        // "env" as the prefix: a launcher that is not the local one (no shared memory), on this machine.
        Random rng = new Random(SEED + 7);
        VectorSpace x = VectorSpace.real(3000); // 24 KB: above the shared-memory threshold, through the pipe here
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1), new Quadratic(x, x.randn(rng), 2),
                new Quadratic(x, x.randn(rng), 3));
        WorkerOptions remote = ONE_WORKER_AND_THIS_JVM.withLauncher(WorkerLauncher.commandPrefix(List.of("env")));
        try (var parallel = new ParallelVectorOfOperators(ops, remote)) {
            Agreement.assertAgree(parallel, new VectorOfOperators(ops), rng, SEED);
        }
        // In a manager's scope the worker goes back to it, and serves the next operator with a share.
        try (var scope = new ParallelExecutionManager()) {
            List<ProcessHandle> first;
            try (var a = new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM)) {
                first = a.workerProcesses();
                Agreement.assertAgree(a, new VectorOfOperators(ops), rng, SEED);
            }
            assertThat(scope.idleWorkerCount()).isEqualTo(1);
            try (var b = new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM)) {
                assertThat(b.workerProcesses()).as("the warm worker, reused").isEqualTo(first);
                Agreement.assertAgree(b, new VectorOfOperators(ops), rng, SEED);
            }
        }
        // A killed worker is restarted; this JVM's share is not touched.
        List<Operator> small = List.of(new Misbehaving(2), new Misbehaving(2), new Misbehaving(2));
        try (var parallel = new ParallelVectorOfOperators(small, ONE_WORKER_AND_THIS_JVM.withMaxRestarts(1))) {
            ProcessHandle worker = parallel.workerProcesses().get(0);
            new ProcessBuilder("kill", "-9", Long.toString(worker.pid())).start().waitFor();
            worker.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThatThrownBy(() -> parallel.apply(new double[] {1, 2})).isInstanceOf(WorkerCrashedException.class)
                    .hasMessageContaining("worker 0 (operators 0–1");
            assertThat(parallel.isRunning()).isTrue();
            assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 2, 1, 2, 1, 2);
        }
    }

    /**
     * The call timeout bounds a worker's command, not this JVM's share. Before session 15 the
     * parent's backstop deadline (the timeout plus a second's grace) ran from the send, and on
     * the inline path the replies are read only after the share: a share slower than that killed
     * the workers that had long answered, and the next call failed, blaming them.
     */
    @Test
    @Timeout(60)
    void aShareSlowerThanTheCallTimeoutLeavesTheWorkersThatAnsweredRunning() {
        VectorSpace x = VectorSpace.real(2);
        DirectSum domain = new DirectSum(x, x);
        List<Operator> ops = List.of(new Misbehaving(2), new Misbehaving(2));
        boolean[][] reads = {{true, false}, {false, true}};
        long shareMillis = 1_600; // above the 250 ms timeout plus the parent's 1 s of grace
        try (var parallel = new DistributedVectorOfOperators(ops, domain, reads,
                ONE_WORKER_AND_THIS_JVM.withCallTimeout(java.time.Duration.ofMillis(250)))) {
            // A first call warms the worker, so that its own part stays far below the timeout on a busy machine.
            assertThat(parallel.apply(new double[] {7, 8, 9, 10})).containsExactly(7, 8, 9, 10);
            double[] slowShare = {5, 6, Trigger.SLEEP.code, shareMillis};
            assertThat(parallel.apply(slowShare)).as("operator 0 in the worker, operator 1 here (sleeping %d ms)",
                    shareMillis).containsExactly(5, 6, Trigger.SLEEP.code, shareMillis);
            assertThat(parallel.isRunning()).as("the worker answered in time: still running").isTrue();
            assertThat(parallel.apply(new double[] {1, 2, 3, 4})).as("the next call").containsExactly(1, 2, 3, 4);
        }
    }

    /**
     * What runs beside the workers (this JVM's share) must not throw, but an {@code Error} can: an
     * {@code OutOfMemoryError} while it allocates, say. The call then ends the workers, after its
     * I/O threads have finished, instead of leaving their replies in the pipes for the next call to
     * take for its own; the next call is refused. Before session 15 the group stayed open.
     */
    @Test
    @Timeout(60)
    void anErrorBesideTheWorkersEndsThemAndTheNextCallIsRefused() {
        // 4 doubles: replies read on this thread after the share; 20,000 through the pipes: read by I/O threads meanwhile.
        for (int n : new int[] {4, 20_000}) {
            WorkerOptions options = n == 4 ? WorkerOptions.defaults()
                    : WorkerOptions.defaults().withSharedMemoryThreshold(Long.MAX_VALUE);
            try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(n), new Misbehaving(n)), options)) {
                double[] v = new double[n];
                v[0] = 1;
                Error beside = new OutOfMemoryError("beside the workers (a test's)");
                assertThatThrownBy(() -> parallel.workers.callJoined(io.github.regpy4j.worker.internal.Command.EVAL_NODIFF,
                        parallel.argumentsFor(v), parallel.codomainBounds, null, () -> {
                            throw beside;
                        })).as("n = %d", n).isSameAs(beside);
                assertThat(parallel.isRunning()).as("n = %d: the workers were ended", n).isFalse();
                assertThatThrownBy(() -> parallel.apply(v)).as("n = %d: the next call", n)
                        .isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void aSingleOperatorIsNotSharedAndRunsInItsWorker() {
        Random rng = new Random(SEED + 5);
        VectorSpace x = VectorSpace.real(4);
        Operator op = new Quadratic(x, x.randn(rng), 0.5);
        try (var parallel = new ParallelVectorOfOperators(List.of(op), ONE_WORKER_AND_THIS_JVM)) {
            assertThat(parallel.workerCount()).isEqualTo(1);
            Agreement.assertAgree(parallel, new VectorOfOperators(List.of(op)), rng, SEED);
        }
    }

    @Test
    void anOperatorOfTheShareThatCannotTravelFailsBeforeAnyProcessStarts() {
        VectorSpace r3 = VectorSpace.real(3);
        List<Operator> ops = List.of(new Quadratic(r3, r3.ones(), 1), new FailureTest.HoldsAStream(3));
        assertThatThrownBy(() -> new ParallelVectorOfOperators(ops, ONE_WORKER_AND_THIS_JVM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator 1")
                .hasMessageContaining("HoldsAStream cannot travel");
        assertThat(ProcessHandle.current().descendants().count()).as("no worker was started").isZero();
    }
}
