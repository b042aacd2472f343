package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM option that prints to stdout while the worker's JVM starts does not break the handshake:
 * {@code -XX:StartFlightRecording}, which a scientist profiling an operator in its worker passes,
 * writes JFR's startup note to stdout whatever {@code -Xlog} says, before the worker's first byte;
 * and a recording meant to be written at exit is written when the worker is closed.
 */
@Timeout(60)
class StartupTextTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
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
