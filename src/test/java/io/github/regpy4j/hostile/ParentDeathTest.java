package io.github.regpy4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.HostileParent;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.ParentProcess;
import io.github.regpy4j.testing.Processes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A parent JVM killed with SIGKILL, idle, in the middle of a call, in the middle of a call whose
 * operators started processes of their own, and in the middle of a call whose argument travels
 * through shared memory: all its workers (and their children, and its shared-memory files) are
 * gone within {@value Hostile#BOUND_MILLIS} ms. The quick runs cover what LifecycleTest does not;
 * the long run repeats every mode 20 times and records the worst.
 */
class ParentDeathTest {

    private static final AtomicLong TAGS = new AtomicLong(ProcessHandle.current().pid() * 1000 + 500);
    /** Doubles per vector in {@code shared} runs: 1.1 MB, over the runtime's shared-memory threshold. */
    private static final int SHARED_SIZE = 140_000;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    @Timeout(30)
    void aParentKilledMidCallTakesItsWorkersGrandchildrenAlong() throws Exception {
        assertThat(killParent("grandchild", 2)).isLessThan(Hostile.BOUND_MILLIS);
    }

    @Test
    @Timeout(30)
    void aParentKilledMidCallThroughSharedMemoryLeavesNoWorkerAndNoSharedMemoryFile() throws Exception {
        assertThat(killParent("shared", 2)).isLessThan(Hostile.BOUND_MILLIS);
    }

    @Test
    @Tag("long")
    @Timeout(900)
    void twentyParentKillsInEachModeAreAllCleanedUpWithinASecond() throws Exception {
        for (String mode : List.of("idle", "busy", "grandchild", "shared")) {
            long worst = 0;
            for (int run = 0; run < 20; run++) {
                long millis = killParent(mode, 3);
                assertThat(millis).as("run %s of %s", run, mode).isLessThan(Hostile.BOUND_MILLIS);
                worst = Math.max(worst, millis);
            }
            Figures.record("parent SIGKILLed, " + mode + " (worst of 20)", "parent-death", worst);
        }
    }

    /**
     * Starts a parent with {@code n} workers in {@code mode}, kills it with SIGKILL, and returns
     * the milliseconds until every worker (and every grandchild, and every shared-memory file of
     * the parent) is gone.
     */
    static long killParent(String mode, int n) throws Exception {
        long tag = TAGS.incrementAndGet();
        String marker = "sleep " + Misbehaving.markedSleep(tag);
        String parentMode = mode.equals("shared") ? "busy" : mode;
        int size = mode.equals("shared") ? SHARED_SIZE : 2;
        Process parent = new ProcessBuilder(ChildJvm.command(HostileParent.class, parentMode, Integer.toString(n),
                Integer.toString(size), Long.toString(tag))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<ProcessHandle> workers = ParentProcess.readWorkers(parent);
            assertThat(workers).hasSize(n);
            if (mode.equals("grandchild")) {
                awaitRunning(marker, n);
            } else if (!mode.equals("idle")) {
                Thread.sleep(300);
            }
            long t0 = Hostile.signal(parent.toHandle(), "KILL");
            long millis = Processes.millisUntilGone(workers, Duration.ofSeconds(5));
            if (mode.equals("grandchild")) {
                Processes.assertNoneRunningWith(marker, Duration.ofMillis(Hostile.BOUND_MILLIS));
                millis = Hostile.millisSince(t0);
            }
            if (mode.equals("shared")) {
                assertThat(sharedMemoryFilesOf(parent.pid())).as("shared-memory files of the dead parent").isEmpty();
            }
            Figures.record("parent SIGKILLed, " + mode, "parent-death", millis);
            return millis;
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
    }

    private static void awaitRunning(String marker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Processes.runningWithCommandLineContaining(marker).size() < count) {
            assertThat(System.nanoTime()).as("%s processes '%s' started", count, marker).isLessThan(deadline);
            Thread.sleep(10);
        }
    }


    static List<String> sharedMemoryFilesOf(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm)) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(shm, "regpy4j-" + pid + "-*")) {
                d.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }
}
