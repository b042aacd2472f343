package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.testing.StaticCounter;
import io.github.regpy4j.testing.ThreadLeaver;
import io.github.regpy4j.vecsps.VectorSpace;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers kept warm by a manager: reused by the next operator, forgetting everything of the last. */
@Timeout(120)
class WarmWorkersTest {

    private static final long SEED = 20261126L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    private static List<Operator> echoes(int n) {
        VectorSpace x = VectorSpace.real(3);
        return java.util.Collections.nCopies(n, new Identity(x));
    }

    @Test
    void theNextOperatorInTheScopeGetsTheIdleWorkers() {
        try (var scope = new ParallelExecutionManager()) {
            List<ProcessHandle> first;
            try (var a = new ParallelVectorOfOperators(echoes(2))) {
                first = a.workerProcesses();
                a.apply(new double[] {1, 2, 3});
            }
            assertThat(scope.idleWorkerCount()).isEqualTo(2);
            assertThat(first).allMatch(ProcessHandle::isAlive);
            VectorSpace x = VectorSpace.real(3);
            try (var b = new ParallelVectorOfOperators(List.of(new Quadratic(x, x.ones(), 0), new Quadratic(x, x.ones(), 1)))) {
                assertThat(b.workerProcesses()).containsExactlyInAnyOrderElementsOf(first);
                assertThat(scope.idleWorkerCount()).isZero();
                assertThat(b.apply(new double[] {1, 2, 3})).containsExactly(1, 4, 9, 2, 6, 12);
                Linearization l = b.linearize(new double[] {1, 2, 3});
                assertThat(l.derivative().apply(x.ones())).containsExactly(2, 4, 6, 3, 5, 7);
            }
        }
    }

    @Test
    void theNextOperatorSeesNoneOfThePreviousOperatorsStatics() {
        try (var scope = new ParallelExecutionManager()) {
            ProcessHandle worker;
            try (var a = new ParallelVectorOfOperators(List.of(new StaticCounter()))) {
                worker = a.workerProcesses().get(0);
                assertThat(a.apply(new double[1])[0]).isEqualTo(0);
                assertThat(a.apply(new double[1])[0]).isEqualTo(1);
                assertThat(a.apply(new double[1])[0]).isEqualTo(2);
            }
            try (var b = new ParallelVectorOfOperators(List.of(new StaticCounter()))) {
                assertThat(b.workerProcesses().get(0)).as("the same worker JVM").isEqualTo(worker);
                assertThat(b.apply(new double[1])[0]).as("a fresh class: its static starts again").isEqualTo(0);
            }
        }
    }

    @Test
    void aWorkerWhoseOperatorLeftAThreadRunningIsEndedNotReused() {
        try (var scope = new ParallelExecutionManager()) {
            ProcessHandle worker;
            try (var a = new ParallelVectorOfOperators(List.of(new ThreadLeaver()))) {
                worker = a.workerProcesses().get(0);
                a.apply(new double[] {1});
            }
            assertThat(scope.idleWorkerCount()).isZero();
            Processes.millisUntilGone(List.of(worker), Duration.ofSeconds(3));
        }
    }

    @Test
    void workersOfOtherJvmOptionsAreNeverSwapped() {
        try (var scope = new ParallelExecutionManager()) {
            List<ProcessHandle> plain;
            try (var a = new ParallelVectorOfOperators(echoes(1))) {
                plain = a.workerProcesses();
            }
            WorkerOptions small = WorkerOptions.defaults().withJvmArgs(List.of("-Xmx64m"));
            try (var b = new ParallelVectorOfOperators(echoes(1), small)) {
                assertThat(b.workerProcesses()).doesNotContainAnyElementsOf(plain);
                assertThat(scope.idleWorkerCount()).as("the plain worker still waits").isEqualTo(1);
            }
            try (var c = new ParallelVectorOfOperators(echoes(2), small)) {
                assertThat(c.workerProcesses()).doesNotContainAnyElementsOf(plain);
            }
        }
    }

    @Test
    void aWorkerThatDiedWhileIdleIsNeverHandedOut() throws Exception {
        try (var scope = new ParallelExecutionManager()) {
            List<ProcessHandle> first;
            try (var a = new ParallelVectorOfOperators(echoes(2))) {
                first = a.workerProcesses();
            }
            new ProcessBuilder("kill", "-9", Long.toString(first.get(0).pid())).start().waitFor();
            first.get(0).onExit().get(5, TimeUnit.SECONDS);
            try (var b = new ParallelVectorOfOperators(echoes(2))) {
                assertThat(b.workerProcesses()).doesNotContain(first.get(0)).contains(first.get(1));
                assertThat(b.apply(new double[] {4, 5, 6})).containsExactly(4, 5, 6, 4, 5, 6);
            }
        }
    }

    @Test
    void idleWorkersEndAfterTheIdleTimeout() {
        try (var scope = ParallelExecutionManager.builder().idleTimeout(Duration.ofMillis(200)).build()) {
            List<ProcessHandle> workers;
            try (var a = new ParallelVectorOfOperators(echoes(2))) {
                workers = a.workerProcesses();
            }
            Processes.millisUntilGone(workers, Duration.ofSeconds(5));
            assertThat(scope.idleWorkerCount()).isZero();
        }
    }

    @Test
    void prestartedWorkersServeTheFirstOperator() throws Exception {
        try (var scope = new ParallelExecutionManager(2)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (scope.idleWorkerCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> ready = scope.idleWorkerProcesses();
            assertThat(ready).hasSize(2);
            try (var a = new ParallelVectorOfOperators(echoes(2))) {
                assertThat(a.workerProcesses()).containsExactlyInAnyOrderElementsOf(ready);
                assertThat(a.apply(new double[] {7, 8, 9})).containsExactly(7, 8, 9, 7, 8, 9);
            }
        }
    }

    @Test
    void anOperatorCreatedAtOnceWaitsForThePrestartedWorkersInsteadOfStartingMore() {
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(2);
        List<Operator> ops = echoes(4);
        try (var scope = ParallelExecutionManager.builder().prestart(options.workerCountFor(ops.size()))
                .prestartOptions(options).build()) {
            try (var a = new ParallelVectorOfOperators(ops, options)) {
                // Before, the operator found no worker ready yet and started two more JVMs beside the booting ones.
                assertThat(workerChildren()).as("worker JVMs of this JVM").containsExactlyInAnyOrderElementsOf(
                        a.workerProcesses());
                assertThat(a.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
            }
            assertThat(scope.idleWorkerCount()).isEqualTo(2);
        }
    }

    @Test
    void prestartedWorkersOfOtherOptionsDoNotHoldUpAnOperator() {
        WorkerOptions other = WorkerOptions.defaults().withJvmArgs(List.of("-Dregpy4j.test.other=1"));
        try (var scope = ParallelExecutionManager.builder().prestart(1).prestartOptions(other).build()) {
            try (var a = new ParallelVectorOfOperators(echoes(1))) {
                assertThat(a.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3);
                assertThat(workerChildren()).contains(a.workerProcesses().get(0));
            }
        }
    }

    @Test
    void closingTheScopeWhilePrestartedWorkersBootLeavesNothingRunning() {
        for (int i = 0; i < 3; i++) {
            try (var scope = new ParallelExecutionManager(2)) {
                // closed at once, before the workers can have greeted
            }
            // No waiting: close() itself ends them (before, they ran until their handshake, then left).
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                    .as("descendants right after close(), round %d", i).isEmpty();
        }
    }

    @Test
    void aPrestartedWorkerThatNeverGreetsHoldsUpAnOperatorOnlyUntilItsStartupTimeout() {
        // A launcher whose "worker" sleeps instead of starting a JVM: it never greets.
        WorkerOptions hanging = WorkerOptions.defaults().withStartupTimeout(Duration.ofSeconds(1))
                .withLauncher(WorkerLauncher.commandPrefix(List.of("sh", "-c", "exec sleep 60", "sh")));
        try (var scope = ParallelExecutionManager.builder().prestart(1).prestartOptions(hanging).build()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> new ParallelVectorOfOperators(echoes(1), hanging))
                    .isInstanceOf(WorkerStartupException.class);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // The prestarted worker's deadline, then the operator's own start: about 2 s, not a hang.
            assertThat(millis).as("ms until the operator gave up").isLessThan(15_000);
        }
        Processes.assertNoDescendants();
    }

    /** The worker JVMs this JVM started and that still run. */
    private static List<ProcessHandle> workerChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("OperatorWorker")).toList();
    }

    @Test
    void closingTheScopeEndsIdleWorkersAndTheOperatorsStillOpen() {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        try (var scope = new ParallelExecutionManager()) {
            try (var a = new ParallelVectorOfOperators(echoes(2))) {
                all.addAll(a.workerProcesses());
            }
            var open = new ParallelVectorOfOperators(echoes(3));
            all.addAll(open.workerProcesses());
        }
        assertThat(all).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void manyCreateCloseCyclesStayCorrectWithABoundedNumberOfProcesses() {
        cycles(150);
    }

    @Test
    @Tag("long")
    void aThousandCreateCloseCycles() {
        cycles(1000);
    }

    private static void cycles(int count) {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(4);
        try (var scope = new ParallelExecutionManager()) {
            for (int i = 0; i < count; i++) {
                double[] w = x.randn(rng);
                try (var f = new ParallelVectorOfOperators(List.of(new Quadratic(x, w, i), new Identity(x)))) {
                    double[] v = x.randn(rng);
                    double[] y = f.apply(v);
                    for (int k = 0; k < 4; k++) {
                        assertThat(y[k]).as("cycle %d, entry %d (seed %d)", i, k, SEED)
                                .isEqualTo(w[k] * v[k] * v[k] + i * v[k]);
                        assertThat(y[4 + k]).isEqualTo(v[k]);
                    }
                }
                long live = ProcessHandle.current().descendants().filter(Processes::isRunning).count();
                assertThat(live).as("worker processes after cycle %d", i).isLessThanOrEqualTo(2);
            }
        }
    }
}
