package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ProcSelf} agrees with {@link ProcessHandle}, and parses what a process name can hold. */
@Timeout(10)
class ProcSelfTest {

    @Test
    void pidAndParentAgreeWithProcessHandle() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc on this machine");
        assertThat(ProcSelf.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(ProcSelf.parentPid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
    }

    @Test
    void theCommandLineIsThisJvmsArgumentsSeparatedByNul() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "no /proc on this machine");
        String[] args = ProcSelf.commandLine().split("\0");
        assertThat(args[0]).as("the executable").endsWith("java");
        assertThat(args).contains(ProcessHandle.current().info().arguments().orElseThrow());
    }

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(ProcSelf.parse("4242 (a (b) c) ) S 17 4242 4242 0 -1 4194560")).containsExactly(4242, 17);
        assertThat(ProcSelf.parse("1 (init) S 0 1 1 0 -1")).containsExactly(1, 0);
    }

    @Test
    void whatDoesNotParseIsNull() {
        assertThat(ProcSelf.parse("")).isNull();
        assertThat(ProcSelf.parse("42 (java)")).isNull();
        assertThat(ProcSelf.parse("x (java) S y")).isNull();
        assertThat(ProcSelf.parse("no parentheses at all")).isNull();
    }

    @Test
    void aProcessWithoutChildrenIsToldApart() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/task/" + ProcSelf.pid() + "/children")),
                "no /proc/<pid>/task/<tid>/children on this kernel");
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcSelf.mayHaveChildren()).as("with a child running").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
