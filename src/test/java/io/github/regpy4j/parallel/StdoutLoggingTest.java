package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which of a user's JVM flags would log to the worker's stdout, and what they become. */
@Timeout(10)
class StdoutLoggingTest {

    @Test
    void logsToStdoutAreSentToStderrKeepingSelectionsDecoratorsAndOptions() {
        assertThat(StdoutLogging.toStderr("-verbose:gc")).isEqualTo("-Xlog:gc:stderr");
        assertThat(StdoutLogging.toStderr("-verbose:class")).isEqualTo("-Xlog:class+load=info,class+unload=info:stderr");
        assertThat(StdoutLogging.toStderr("-Xlog")).isEqualTo("-Xlog:all=info:stderr");
        assertThat(StdoutLogging.toStderr("-Xlog:gc*=debug")).isEqualTo("-Xlog:gc*=debug:stderr");
        assertThat(StdoutLogging.toStderr("-Xlog:gc:stdout")).isEqualTo("-Xlog:gc:stderr");
        assertThat(StdoutLogging.toStderr("-Xlog:gc:#0:uptime")).isEqualTo("-Xlog:gc:stderr:uptime");
        assertThat(StdoutLogging.toStderr("-Xlog:gc::uptime,tid")).isEqualTo("-Xlog:gc:stderr:uptime,tid");
        assertThat(StdoutLogging.toStderr("-Xlog:safepoint::time:foldmultilines=true"))
                .isEqualTo("-Xlog:safepoint:stderr:time:foldmultilines=true");
    }

    @Test
    void everythingElseIsLeftAsItIs() {
        for (String a : List.of("-Xlog:gc:stderr", "-Xlog:gc:file=/tmp/gc-%p.log:uptime", "-Xlog:gc:#1",
                "-Xlog:disable", "-Xlog:async", "-Xmx2g", "-verbose:jni", "-XX:+UseParallelGC", "-Dfoo=-Xlog:gc")) {
            assertThat(StdoutLogging.toStderr(a)).as(a).isEqualTo(a);
        }
        assertThat(StdoutLogging.toStderr(List.of("-Xmx1g", "-verbose:gc", "-Xlog:gc:file=gc.log")))
                .containsExactly("-Xmx1g", "-Xlog:gc:stderr", "-Xlog:gc:file=gc.log");
    }
}
