package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.FactoryOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorFactory;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.ParentProcess;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every path that ends workers: close, manager scopes, the Cleaner, the shutdown hook, parent death. */
@Timeout(60)
class LifecycleTest {

    /** The bound: workers of a dead parent are gone within 1 s. */
    private static final Duration PARENT_DEATH_BOUND = Duration.ofSeconds(1);

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void closeIsIdempotentAndEndsEveryWorker() {
        var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)));
        List<ProcessHandle> workers = parallel.workerProcesses();
        assertThat(workers).hasSize(2).allMatch(ProcessHandle::isAlive);
        parallel.close();
        parallel.close();
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(parallel.isRunning()).isFalse();
        assertThatThrownBy(() -> parallel.apply(new double[2])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * Two threads close the same operator at once (its own {@code close()} beside its manager's,
     * or beside the cleaner that found it unreachable): the one that loses the race returns only
     * when the workers are gone. The worker is stopped (SIGSTOP), so the first close needs its
     * whole grace for {@code break} and then a kill: a second close 100 ms later that returned at
     * once would find the worker still there.
     */
    @Test
    void aCloseThatLosesTheRaceWaitsForTheOtherToEndTheWorkers() throws Exception {
        var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
        ProcessHandle worker = parallel.workerProcesses().get(0);
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(worker.pid())).start().waitFor())
                .as("kill -STOP %d", worker.pid()).isZero();
        Thread first = new Thread(parallel::close, "first close");
        first.start();
        try {
            Thread.sleep(100);
            assertThat(first.isAlive()).as("the first close waits for the stopped worker").isTrue();
            parallel.close();
            assertThat(worker.isAlive()).as("worker %d after the second close returned", worker.pid()).isFalse();
        } finally {
            first.join(10_000);
        }
        assertThat(first.isAlive()).isFalse();
    }

    @Test
    void aManagerClosesEverythingCreatedInsideItAlsoWhenTheBodyThrows() {
        List<ProcessHandle> workers = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (var scope = new ParallelExecutionManager()) {
                var a = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
                var b = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
                workers.addAll(a.workerProcesses());
                workers.addAll(b.workerProcesses());
                assertThat(scope.operatorCount()).isEqualTo(2);
                throw new IllegalStateException("the body failed");
            }
        }).hasMessage("the body failed");
        assertThat(workers).hasSize(2).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void scopesNestAndCloseLastInFirstOut() {
        try (var outer = new ParallelExecutionManager()) {
            var a = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
            var inner = new ParallelExecutionManager();
            var b = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
            assertThat(inner.operatorCount()).isEqualTo(1);
            assertThat(outer.operatorCount()).isEqualTo(1);
            inner.close();
            assertThat(b.isRunning()).isFalse();
            assertThat(a.isRunning()).isTrue();
            var c = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
            assertThat(outer.operatorCount()).as("c belongs to outer again").isEqualTo(2);
            var forgotten = new ParallelExecutionManager();
            var d = new ParallelVectorOfOperators(List.of(new Misbehaving(2)));
            outer.close();
            assertThat(forgotten.isOpen()).as("a scope left open inside is closed with its parent").isFalse();
            assertThat(List.of(a, c, d)).noneMatch(ParallelVectorOfOperators::isRunning);
        }
    }

    @Test
    void theCleanerEndsTheWorkersOfAnUnreachableOperator() throws Exception {
        List<ProcessHandle> workers = startAndForget();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> startAndForget() {
        return new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2))).workerProcesses();
    }

    @Test
    void workersOfAParentKilledWithSigkillWhileIdleAreGoneWithinASecond() throws Exception {
        assertWorkersDieWithParent("idle");
    }

    @Test
    void workersOfAParentKilledWithSigkillMidCallAreGoneWithinASecond() throws Exception {
        assertWorkersDieWithParent("busy");
    }

    @Test
    void theShutdownHookEndsWorkersOfAParentThatExitsWithoutClosing() throws Exception {
        Process parent = startParent("exit", 2);
        List<ProcessHandle> workers = ParentProcess.readWorkers(parent);
        assertThat(parent.waitFor()).isZero();
        Processes.millisUntilGone(workers, Duration.ofSeconds(5));
    }

    private static void assertWorkersDieWithParent(String mode) throws Exception {
        Process parent = startParent(mode, 3);
        List<ProcessHandle> workers = ParentProcess.readWorkers(parent);
        if (mode.equals("busy")) {
            Thread.sleep(200);
        }
        new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
        long millis = Processes.millisUntilGone(workers, Duration.ofSeconds(5));
        assertThat(millis).as("workers of a parent killed while %s", mode).isLessThan(PARENT_DEATH_BOUND.toMillis());
        parent.waitFor();
    }

    static Process startParent(String mode, int n) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = WorkerCommandLine.classpath(Set.of(ParentProcess.class));
        return new ProcessBuilder(java, "-Xshare:auto", "-cp", cp, ParentProcess.class.getName(), mode,
                Integer.toString(n)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }


    @Test
    void anOperatorBuiltByAFactoryInTheWorker() {
        VectorSpace x = VectorSpace.real(3);
        Operator remote = new FactoryOperator(QuadraticFactory.class, x, x, false);
        try (var parallel = new ParallelVectorOfOperators(List.of(remote, remote))) {
            double[] y = parallel.apply(new double[] {1, 2, 3});
            assertThat(y).containsExactly(1, 4, 9, 1, 4, 9);
        }
    }

    @Test
    void aFactoryThatBuildsTheWrongOperatorFailsAtStartupNamingBoth() {
        Operator wrong = new FactoryOperator(QuadraticFactory.class, VectorSpace.real(4), VectorSpace.real(4), false);
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(wrong)))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining(QuadraticFactory.class.getName())
                .hasMessageContaining("ArraySpace[3, real]")
                .hasMessageContaining("ArraySpace[4, real]");
    }

    /** Builds {@code x ↦ x ⊙ x} on ℝ³; stands for an operator holding native handles. */
    public static final class QuadraticFactory implements OperatorFactory {
        @Override
        public Operator create() {
            VectorSpace x = VectorSpace.real(3);
            return new Quadratic(x, x.ones(), 0);
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyProcessStarts() {
        VectorSpace r2 = VectorSpace.real(2);
        VectorSpace r3 = VectorSpace.real(3);
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one operator");
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same domain")
                .hasMessageContaining("ArraySpace[2, real]").hasMessageContaining("ArraySpace[3, real]");
        DirectSum domain = new DirectSum(r2, r3);
        List<Operator> ops = List.of(new Misbehaving(2), new Misbehaving(3));
        assertThatThrownBy(() -> new DistributedVectorOfOperators(ops, domain, new boolean[][] {{true, false}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 rows but there are 2 operators");
        assertThatThrownBy(() -> new DistributedVectorOfOperators(ops, domain, new boolean[][] {{true}, {true}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0").hasMessageContaining("2 components");
        assertThatThrownBy(() -> new DistributedVectorOfOperators(ops, domain, new boolean[][] {{true, false}, {false, false}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("empty");
        assertThatThrownBy(() -> new DistributedVectorOfOperators(ops, domain, new boolean[][] {{false, true}, {true, false}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator 0 reads components [1]");
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(2)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WorkerOptions.defaults()");
        assertThat(ProcessHandle.current().descendants().count()).isZero();
    }
}
