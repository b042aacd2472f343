package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags a scientist passes to see what an operator does in its worker do not break the
 * channel, which is the worker's stdout: {@code -XX:StartFlightRecording} writes JFR's startup
 * note to stdout whatever {@code -Xlog} says, before the worker's first byte, and its recording
 * is written when the worker is closed; GC logging, compilation printing and {@code -Xlog}
 * without an output would write to stdout between frames, and go to stderr instead.
 */
@Timeout(60)
class WorkerJvmOutputTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void gcLoggingAndCompilationPrintingDuringCallsGoToStderr() {
        // Vectors of 8 MB through the pipes: the workers collect and compile while they answer.
        WorkerOptions options = WorkerOptions.defaults().withoutSharedMemory().withJvmArgs(List.of(
                "-verbose:gc", "-Xlog:safepoint", "-Xlog:gc+heap=debug::uptime", "-XX:+PrintCompilation"));
        int n = 1_000_000;
        List<Operator> ops = List.of(new Identity(VectorSpace.real(n)), new Identity(VectorSpace.real(n)));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5 - 7;
        }
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            for (int call = 0; call < 10; call++) {
                double[] y = parallel.apply(x);
                assertThat(Arrays.copyOfRange(y, n, 2 * n)).as("call %d", call).isEqualTo(x);
                assertThat(parallel.adjoint().apply(y)[n - 1]).as("call %d", call).isEqualTo(2 * x[n - 1]);
            }
        }
    }

    @Test
    void aWorkersFlightRecordingIsWrittenWhenItIsClosed(@TempDir Path dir) throws Exception {
        // dumponexit writes the recording in a shutdown hook, which a worker that halts would skip.
        Path recording = dir.resolve("worker.jfr");
        WorkerOptions options = WorkerOptions.defaults().withJvmArgs(List.of(
                "-XX:StartFlightRecording=disk=false,settings=default,dumponexit=true,filename=" + recording,
                "-XX:FlightRecorderOptions=repository=" + dir));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(VectorSpace.real(3))), options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3);
        }
        assertThat(recording).as("the recording a closed worker leaves").exists();
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertThat(events).as("events in %s", recording)
                .anyMatch(e -> e.getEventType().getName().equals("jdk.JVMInformation"));
    }

    @Test
    void workersProfiledWithFlightRecorderStartAndAnswer(@TempDir Path repository) {
        WorkerOptions options = WorkerOptions.defaults().withJvmArgs(List.of(
                "-XX:StartFlightRecording=disk=false,settings=default",
                "-XX:FlightRecorderOptions=repository=" + repository));
        List<Operator> ops = List.of(new Identity(VectorSpace.real(3)), new Identity(VectorSpace.real(3)));
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3, 1, 2, 3);
            assertThat(parallel.adjoint().apply(new double[] {1, 2, 3, 4, 5, 6})).containsExactly(5, 7, 9);
        }
    }
}
