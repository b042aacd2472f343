package io.github.regpy4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the benchmark harness still runs: its smallest configuration, a few seconds, every
 * worker and baseline child closed afterwards. Not a performance test: no figure is checked
 * against its target.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void harnessRunsOnATinyConfigurationAndLeavesNoProcess() throws Exception {
        Harness harness = new Harness(Harness.Config.smoke(Set.of("percall", "bulk", "memory")));

        List<Figure> figures = harness.run();

        assertThat(figures).extracting(Figure::suite).contains("1 per-call", "2 bulk", "5 memory");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.candidate().median()).as(f.name()).isPositive().isFinite();
            assertThat(f.baseline().median()).as(f.name()).isPositive().isFinite();
            assertThat(f.ratio().median()).as(f.name()).isPositive().isFinite();
        });
        assertThat(harness.markdown(0)).contains("| 1 per-call | apply, 8 doubles, N=1 |");
        awaitNoDescendants();
        assertThat(ProcessHandle.current().descendants().toList()).as("processes left by the harness").isEmpty();
    }

    /** Children that were told to leave may need a moment to be reaped. */
    private static void awaitNoDescendants() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (ProcessHandle.current().descendants().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
