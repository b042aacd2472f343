package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.VectorSpace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The opt-in restart policy: dead workers come back from their original operator; the rest continue. */
@Timeout(60)
class RestartTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    private static void kill9(ProcessHandle p) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        p.onExit().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aKilledWorkerIsRestartedAndTheOthersContinue() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withMaxRestarts(2);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), options)) {
            ProcessHandle first = parallel.workerProcesses().get(0);
            ProcessHandle second = parallel.workerProcesses().get(1);
            kill9(second);
            assertThatThrownBy(() -> parallel.apply(new double[] {1, 2}))
                    .isInstanceOf(WorkerCrashedException.class).hasMessageContaining("worker 1");
            assertThat(parallel.isRunning()).as("running again after the restart").isTrue();
            assertThat(parallel.workerProcesses().get(0)).as("the survivor is the same process").isEqualTo(first);
            assertThat(parallel.workerProcesses().get(1)).isNotEqualTo(second);
            assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 2, 1, 2);
        }
    }

    @Test
    void aCallNeedingTheLostLinearizationSaysToLinearizeAgain() throws Exception {
        VectorSpace x = VectorSpace.real(3);
        List<Operator> ops = List.of(new Quadratic(x, x.ones(), 0), new Quadratic(x, x.ones(), 1));
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withMaxRestarts(1))) {
            Linearization l = parallel.linearize(new double[] {1, 2, 3});
            kill9(parallel.workerProcesses().get(0));
            assertThatThrownBy(() -> l.derivative().apply(x.ones())).isInstanceOf(WorkerCrashedException.class);
            assertThatThrownBy(() -> l.derivative().apply(x.ones()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("worker 0").hasMessageContaining("linearize(x) again");
            assertThatThrownBy(() -> l.derivative().normal().apply(x.ones()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("worker 0").hasMessageContaining("normal").hasMessageContaining("linearize(x) again");
            assertThat(parallel.apply(new double[] {1, 2, 3})).as("evaluation needs no linearization")
                    .containsExactly(1, 4, 9, 2, 6, 12);
            Linearization again = parallel.linearize(new double[] {1, 2, 3});
            assertThat(again.derivative().apply(x.ones())).containsExactly(2, 4, 6, 3, 5, 7);
        }
    }

    @Test
    void onceTheBudgetIsSpentAFailureClosesTheOperator() throws Exception {
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2)),
                WorkerOptions.defaults().withMaxRestarts(1))) {
            kill9(parallel.workerProcesses().get(0));
            assertThatThrownBy(() -> parallel.apply(new double[2])).isInstanceOf(WorkerCrashedException.class);
            assertThat(parallel.isRunning()).isTrue();
            kill9(parallel.workerProcesses().get(0));
            assertThatThrownBy(() -> parallel.apply(new double[2])).isInstanceOf(WorkerCrashedException.class);
            assertThat(parallel.isRunning()).as("no restart left: closed").isFalse();
        }
    }

    @Test
    void timedOutWorkersAreRestartedWhenTheBudgetAllows() {
        WorkerOptions options = WorkerOptions.defaults().withMaxRestarts(2).withCallTimeout(Duration.ofMillis(300));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), options)) {
            assertThatThrownBy(() -> parallel.apply(Trigger.SLEEP.argument(2))).isInstanceOf(WorkerTimeoutException.class);
            assertThat(parallel.isRunning()).isTrue();
            assertThat(parallel.apply(new double[] {3, 4})).containsExactly(3, 4, 3, 4);
        }
    }

    @Test
    void restartsAreOffByDefault() {
        assertThat(WorkerOptions.defaults().maxRestarts()).isZero();
        assertThatThrownBy(() -> WorkerOptions.defaults().withMaxRestarts(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
