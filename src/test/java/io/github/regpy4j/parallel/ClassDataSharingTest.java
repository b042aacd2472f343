package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Workers started with the opt-in AppCDS archive map it and serve as usual. */
@Timeout(120)
class ClassDataSharingTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    /**
     * {@code -Xshare:on} (on JDK 24+ with the AOT cache: {@code -XX:AOTMode=on}) makes a JVM
     * refuse to start when it cannot map the archive, and the class
     * log says where each class came from: the worker's own classes and Kryo's come from it, and
     * so do the JDK's, under the serial collector the runtime gives a worker of small vectors as
     * under G1, where the archive's heap objects (the module graph) are used as well.
     */
    @Test
    void aWorkerLoadsItsClassesFromTheArchive(@TempDir Path dir) throws Exception {
        List<String> serial = classLog(dir.resolve("serial.log"), List.of());
        assertThat(serial).as("the runtime's collector for small vectors, the archive mapped")
                .anySatisfy(l -> assertThat(l).contains("Using Serial"));
        assertLoadedFromTheArchive(serial);
        List<String> g1 = classLog(dir.resolve("g1.log"), List.of("-XX:+UseG1GC"));
        assertLoadedFromTheArchive(g1);
        assertThat(g1).as("the archived module graph is used under G1").anySatisfy(l -> assertThat(l)
                .contains("full module graph: enabled"));
    }

    /** @return the class and archive log of one worker's call, with these flags beside the logging */
    private static List<String> classLog(Path log, List<String> flags) throws Exception {
        VectorSpace x = VectorSpace.real(3);
        List<String> jvmArgs = new ArrayList<>(flags);
        jvmArgs.add(Runtime.version().feature() >= 24 ? "-XX:AOTMode=on" : "-Xshare:on");
        jvmArgs.add("-Xlog:gc=info,class+load=info,cds=info" + (Runtime.version().feature() >= 24 ? ",aot=info" : "")
                + ":file=" + log);
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(true).withJvmArgs(jvmArgs);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x)), options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3);
        }
        return Files.readAllLines(log);
    }

    private static void assertLoadedFromTheArchive(List<String> lines) {
        for (String c : List.of("io.github.regpy4j.worker.internal.WorkerLoop", "io.github.regpy4j.worker.internal.OperatorTransport",
                "com.esotericsoftware.kryo.Kryo", "java.lang.Object")) {
            assertThat(lines).as("where %s came from", c)
                    .anySatisfy(l -> assertThat(l).contains("] " + c + " source: shared objects file"));
        }
    }

    @Test
    void workersUseTheArchiveAndAnswer() {
        VectorSpace x = VectorSpace.real(3);
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(true);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x), new Identity(x)), options)) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3, 1, 2, 3);
            List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
            // JDK 17-23: the static AppCDS archive; 24 and later: the AOT cache.
            String flag = Runtime.version().feature() >= 24 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
            String archive = args.stream().filter(a -> a.startsWith(flag)).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive among the worker's flags: " + args));
            assertThat(Path.of(archive.substring(archive.indexOf('=') + 1))).isRegularFile();
        }
        ClassDataArchive.Archive again = ClassDataArchive.prepare();
        assertThat(again).as("the archive is reused, not recorded again").isNotNull();
        assertThat(again.runtimeClasspath()).allMatch(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p));
    }
}
