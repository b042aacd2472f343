package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one parser of {@code /proc/<pid>/stat} reads the fields after a process name that holds spaces and parentheses. */
@Timeout(10)
class ProcStatTest {

    @Test
    void fieldsAreCountedFromTheLastParenthesis() {
        String stat = "4242 (a (b) c) ) S 17 4243 4244 0 -1 4194560\n";
        assertThat(ProcStat.field(stat, ProcStat.PID)).isEqualTo(4242);
        assertThat(ProcStat.field(stat, ProcStat.PPID)).isEqualTo(17);
        assertThat(ProcStat.field(stat, ProcStat.PGRP)).isEqualTo(4243);
        assertThat(ProcStat.field("1 (init) S 0 1", ProcStat.PGRP)).as("the last field, no newline").isEqualTo(1);
        assertThat(ProcStat.command(stat)).isEqualTo("a (b) c) ");
        assertThat(ProcStat.command("7 (C2 CompilerThre) S 1")).isEqualTo("C2 CompilerThre");
    }

    @Test
    void whatDoesNotParseIsMinusOne() {
        assertThat(ProcStat.field("", ProcStat.PID)).isEqualTo(-1);
        assertThat(ProcStat.field("42 (java)", ProcStat.PPID)).isEqualTo(-1);
        assertThat(ProcStat.field("x (java) S y", ProcStat.PID)).isEqualTo(-1);
        assertThat(ProcStat.field("x (java) S y", ProcStat.PPID)).isEqualTo(-1);
        assertThat(ProcStat.field("1 (init) S 0", ProcStat.PGRP)).as("too few fields").isEqualTo(-1);
        assertThat(ProcStat.command("")).isEmpty();
        assertThat(ProcStat.command("42 java) S")).isEmpty();
    }
}
