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
 * A worker's collector: serial for local workers of vectors under 4 MiB, with larger objects put
 * straight into its old generation, G1 for larger ones, remote workers and the static archive; the
 * user's choice always wins, and a worker started with it runs.
 */
@Timeout(120)
class DefaultCollectorTest {

    private static final int BULK = DefaultHeap.BULK_VECTOR_BYTES;
    private static final int LARGE = DefaultCollector.SERIAL_MAX_VECTOR_BYTES;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void localWorkersOfSmallVectorsRunTheSerialCollectorAndTheOthersG1() {
        assertThat(DefaultCollector.flagFor(List.of(), 0, true, null, null)).as("prestarted: sizes unknown")
                .contains(DefaultCollector.SERIAL);
        assertThat(DefaultCollector.flagFor(List.of(), BULK, true, null, null)).as("bulk data under 4 MiB")
                .contains(DefaultCollector.SERIAL);
        assertThat(DefaultCollector.flagFor(List.of(), LARGE - 1, true, null, null)).contains(DefaultCollector.SERIAL);
        assertThat(DefaultCollector.flagFor(List.of(), LARGE, true, null, null)).as("4 MiB")
                .contains(DefaultCollector.G1);
        assertThat(DefaultCollector.flagFor(List.of(), 8_000_000, true, null, null)).as("1e6 doubles")
                .contains(DefaultCollector.G1);
        assertThat(DefaultCollector.flagFor(List.of(), 8, false, null, null)).as("a remote worker")
                .contains(DefaultCollector.G1);
    }

    @Test
    void theUsersCollectorWinsWhereverItIsChosenAndOnlyAChoiceCounts() {
        for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC", "-XX:+UseZGC",
                "-XX:+UseShenandoahGC", "-XX:+UseEpsilonGC")) {
            assertThat(DefaultCollector.flagFor(List.of("-Xmx1g", gc), 8, true, null, null)).as(gc).isEmpty();
            assertThat(DefaultCollector.flagFor(List.of(), BULK, true, " -Dx=1  " + gc, null)).as("JAVA_TOOL_OPTIONS " + gc)
                    .isEmpty();
            assertThat(DefaultCollector.flagFor(List.of(), BULK, false, null, gc)).as("JDK_JAVA_OPTIONS " + gc).isEmpty();
        }
        for (String tuning : List.of("-XX:+UseAdaptiveSizePolicyWithSystemGC", "-XX:-UseG1GC", "-XX:+UseGCOverheadLimit",
                "-XX:ParallelGCThreads=2")) {
            assertThat(DefaultCollector.flagFor(List.of(tuning), 8, true, null, null)).as(tuning)
                    .contains(DefaultCollector.SERIAL);
        }
    }

    @Test
    void aWorkerCommandLineCarriesOneCollectorWhichItsReuseKeyDoesNot() {
        WorkerCommandLine small = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1000);
        WorkerCommandLine large = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1_000_000);
        assertThat(small.command(0).stream().filter(a -> a.endsWith("GC")).toList()).as(small.command(0).toString())
                .containsExactly(DefaultCollector.SERIAL);
        assertThat(large.command(0).stream().filter(a -> a.endsWith("GC")).toList()).as(large.command(0).toString())
                .containsExactly(DefaultCollector.G1);
        assertThat(small.command(0)).as("a serial worker takes vectors of 4 MiB straight into its old generation")
                .contains(DefaultCollector.SERIAL_PRETENURE);
        assertThat(large.command(0).stream().filter(a -> a.startsWith("-XX:PretenureSizeThreshold")).toList())
                .as("G1 has humongous regions instead").isEmpty();
        assertThat(large.reuseKey()).as("an idle worker keeps the collector it was started with").isEqualTo(small.reuseKey());
        assertThat(small.reuseKey()).doesNotContain(DefaultCollector.SERIAL_PRETENURE);
        WorkerCommandLine user = WorkerCommandLine.create(WorkerOptions.defaults().withJvmArgs(List.of("-XX:+UseParallelGC")),
                List.of(), 2, 8 * 1000);
        assertThat(user.command(0).stream().filter(a -> a.endsWith("GC")).toList()).containsExactly("-XX:+UseParallelGC");
        WorkerCommandLine userSerial = WorkerCommandLine.create(
                WorkerOptions.defaults().withJvmArgs(List.of("-XX:+UseSerialGC")), List.of(), 2, 8 * 1000);
        assertThat(userSerial.command(0).stream().filter(a -> a.startsWith("-XX:PretenureSizeThreshold")).toList())
                .as("the user's collector is the user's to tune").isEmpty();
        List<String> remote = RemoteCommandLine.java(WorkerOptions.defaults().withLauncher(WorkerLauncher.ssh("h")), List.of());
        assertThat(remote.stream().filter(a -> a.endsWith("GC")).toList()).as(remote.toString())
                .containsExactly(DefaultCollector.G1);
    }

    /** Before, the runtime's own {@code -XX:+UseG1GC} stood beside the user's choice, and the JVM refused to start. */
    @Test
    void aWorkerStartsWithTheCollectorItsUserChose() {
        VectorSpace x = VectorSpace.real(3);
        for (String gc : List.of("-XX:+UseParallelGC", "-XX:+UseG1GC")) {
            WorkerOptions options = WorkerOptions.defaults().withJvmArgs(List.of(gc));
            try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x)), options)) {
                assertThat(parallel.apply(new double[] {1, 2, 3})).as(gc).containsExactly(1, 2, 3);
                List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
                assertThat(args.stream().filter(a -> a.endsWith("GC")).toList()).as(gc).containsExactly(gc);
            }
        }
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(x)), WorkerOptions.defaults())) {
            assertThat(parallel.apply(new double[] {1, 2, 3})).containsExactly(1, 2, 3);
            List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
            assertThat(args.stream().filter(a -> a.endsWith("GC")).toList()).as("3 doubles: small vectors")
                    .containsExactly(DefaultCollector.SERIAL);
            assertThat(args).as("a flag the JVM takes").contains(DefaultCollector.SERIAL_PRETENURE);
        }
    }
}
