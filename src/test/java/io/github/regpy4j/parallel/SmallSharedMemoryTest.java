package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A container's small {@code /dev/shm}, for real: a JVM in a mount namespace whose {@code /dev/shm}
 * is a 16 MB tmpfs runs {@link SmallShmProgram}. Vectors that fit go through shared memory, those
 * that do not go through the pipes, with one WARN that says how to give room; results equal the
 * sequential ones bit for bit; no {@code InternalError}, no worker crash. Needs {@code unshare -m}
 * and {@code mount} (root): elsewhere the test is skipped and says why.
 */
class SmallSharedMemoryTest {

    private static final String TMPFS_SIZE = "16m";
    private static final String MOUNT = "mount -t tmpfs -o size=" + TMPFS_SIZE + " tmpfs /dev/shm";

    @AfterEach
    void nothingLeft() {
        Processes.assertNoDescendants();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void vectorsTooLargeForA16MegabyteShmGoThroughThePipesBitForBit() throws Exception {
        assumeMountNamespace();
        Path out = Files.createTempFile("regpy4j-small-shm-", ".out");
        Path err = Files.createTempFile("regpy4j-small-shm-", ".err");
        try {
            List<String> java = new ArrayList<>(ChildJvm.command(SmallShmProgram.class, "200000", "1000000", "10000000"));
            java.add(1, "-Xmx2g");
            java.add(1, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
            Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", MOUNT + " && exec \"$@\"", "sh")
                    .command(withArgs(List.of("unshare", "-m", "sh", "-c", MOUNT + " && exec \"$@\"", "sh"), java))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean ended = p.waitFor(200, TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            String both = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
            assertThat(ended).as("the program ended within 200 s; " + both).isTrue();
            assertThat(p.exitValue()).as("exit status of the program; " + both).isZero();
            assertThat(stdout).as(both).contains("refused cleanly")
                    .contains("n=200000: 2 workers, 2 rounds, bit for bit equal to sequential")
                    .contains("n=1000000: 2 workers, 2 rounds, bit for bit equal to sequential")
                    .contains("n=10000000: 2 workers, 2 rounds, bit for bit equal to sequential")
                    .contains("no region and no worker left");
            assertThat(stderr).as(both).doesNotContain("InternalError").doesNotContain("WorkerCrashedException")
                    .doesNotContain("SIGBUS");
            assertThat(count(stderr, "--shm-size=")).as("WARNs that say how to give /dev/shm room; " + both).isEqualTo(1);
            assertThat(stderr).as(both).contains("emptyDir");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> withArgs(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    /** Skips, saying why, where a mount namespace with its own /dev/shm cannot be made. */
    private static void assumeMountNamespace() throws IOException, InterruptedException {
        assumeTrue(new File("/usr/bin/unshare").canExecute() || new File("/bin/unshare").canExecute(),
                "no unshare(1) on this machine");
        Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", MOUNT).redirectErrorStream(true).start();
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "cannot mount a tmpfs on /dev/shm in a new mount namespace (needs root or CAP_SYS_ADMIN): " + said);
    }
}
