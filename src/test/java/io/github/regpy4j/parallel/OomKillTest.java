package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.Processes;
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
 * A worker killed by the kernel's OOM killer, for real: a JVM runs {@link OomKillProgram} in a
 * memory cgroup of its own (a child of this JVM's, limited to {@value #LIMIT_MIB} MiB), whose
 * worker fills a heap larger than that. Its {@link WorkerCrashedException} must say that the
 * OOM killer killed it. Needs a writable cgroup v1 memory hierarchy (root): skipped elsewhere.
 */
class OomKillTest {

    private static final int LIMIT_MIB = 400;

    @AfterEach
    void nothingLeft() {
        Processes.assertNoDescendants();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCrashMessageNamesTheOomKiller() throws Exception {
        Path cgroup = makeCgroup();
        try {
            Files.writeString(cgroup.resolve("memory.limit_in_bytes"), String.valueOf((long) LIMIT_MIB << 20));
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec \"$@\"", "sh"));
            List<String> java = new ArrayList<>(ChildJvm.command(OomKillProgram.class));
            java.add(1, "-Xmx128m");
            cmd.addAll(java);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(100, TimeUnit.SECONDS)).as(out).isTrue();
            assertThat(p.exitValue()).as("exit status; output:\n" + out).isZero();
            String crash = out.lines().filter(l -> l.startsWith("CRASH ")).findFirst().orElse("");
            assertThat(crash).as("output:\n" + out).contains("137 (killed by signal 9, SIGKILL)")
                    .contains("out-of-memory killer killed it").contains("memory.oom_control");
        } finally {
            removeCgroup(cgroup);
        }
    }

    /** A fresh child of this JVM's memory cgroup (v1), or a skip that says why not. */
    private static Path makeCgroup() throws IOException {
        String path = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*")).map(l -> l.substring(l.indexOf(":/") + 1))
                .findFirst().orElse(null);
        assumeTrue(path != null, "no cgroup v1 memory controller in /proc/self/cgroup");
        Path mine = Path.of("/sys/fs/cgroup/memory" + path);
        assumeTrue(Files.isDirectory(mine) && Files.isWritable(mine), "cannot write " + mine + " (needs root)");
        Path child = mine.resolve("regpy4j-oom-test-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(child);
        } catch (IOException e) {
            assumeTrue(false, "cannot make a memory cgroup under " + mine + ": " + e);
        }
        return child;
    }

    private static void removeCgroup(Path cgroup) throws InterruptedException {
        // rmdir succeeds once the cgroup's last process has gone.
        for (int i = 0; i < 100; i++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
    }
}
