package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker whose user caps its heap below the runtime's initial heap (16 MiB) starts. Before, the
 * runtime's {@code -Xms16m} stood beside the user's {@code -Xmx8m}, and the JVM refused to start:
 * "Initial heap size set to a larger value than the maximum heap size".
 */
@Timeout(120)
class SmallHeapWorkerTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void aWorkerCappedBelowTheRuntimesInitialHeapStartsAndAnswers() {
        VectorSpace x = VectorSpace.real(3);
        WorkerOptions options = WorkerOptions.defaults().withJvmArgs(List.of("-Xmx8m"));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x)), options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3);
            List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
            assertThat(args.stream().filter(a -> a.startsWith("-Xms") || a.startsWith("-Xmx")).toList()).containsExactly("-Xmx8m");
        }
    }
}
