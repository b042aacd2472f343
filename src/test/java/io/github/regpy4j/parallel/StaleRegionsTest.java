package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Shared-memory files of dead parents are removed; those of live processes and other names stay. */
@Timeout(30)
class StaleRegionsTest {

    @Test
    void filesOfADeadParentGoAndEverythingElseStays(@TempDir Path dir) throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        Path ofDead = file(dir, "regpy4j-" + dead + "-1-0123456789abcdef");
        Path ofDeadToo = file(dir, "regpy4j-" + dead + "-7-fedcba9876543210");
        Path ofLive = file(dir, "regpy4j-" + alive + "-1-0123456789abcdef");
        Path unrelated = file(dir, "other-" + dead + "-1");
        Path notAPid = file(dir, "regpy4j-cds-" + dead);

        assertThat(StaleRegions.sweep(dir)).as("files of the dead pid %d removed", dead).isEqualTo(2);

        assertThat(ofDead).doesNotExist();
        assertThat(ofDeadToo).doesNotExist();
        assertThat(ofLive).as("a live process's region").exists();
        assertThat(unrelated).exists();
        assertThat(notAPid).exists();
    }

    @Test
    void aDirectoryThatCannotBeReadIsNoError(@TempDir Path dir) {
        assertThat(StaleRegions.sweep(dir.resolve("missing"))).isZero();
    }

    private static Path file(Path dir, String name) throws IOException {
        return Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** @return the pid of a process that ran and has ended (and was reaped) */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        p.waitFor();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
