package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers started with the opt-in AppCDS archive map it and serve as usual. */
@Timeout(120)
class ClassDataSharingTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void workersUseTheArchiveAndAnswer() {
        VectorSpace x = VectorSpace.real(3);
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(true);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x), new Identity(x)), options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3, 1, 2, 3);
            List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
            String archive = args.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive among the worker's flags: " + args));
            assertThat(Path.of(archive.substring(archive.indexOf('=') + 1))).isRegularFile();
        }
        ClassDataArchive.Archive again = ClassDataArchive.prepare();
        assertThat(again).as("the archive is reused, not recorded again").isNotNull();
        assertThat(again.runtimeClasspath()).allMatch(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p));
    }
}
