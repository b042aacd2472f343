package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which JVM options make a worker leave through its shutdown hooks on {@code break}. */
@Timeout(10)
class ExitHooksTest {

    @Test
    void aRecordingOrAnAgentOnTheCommandLineOrInTheEnvironmentWantsTheHooks() {
        assertThat(ExitHooks.wanted("java\0-XX:StartFlightRecording=dumponexit=true\0-cp\0x")).isTrue();
        assertThat(ExitHooks.wanted(null, "-javaagent:/opt/jacoco/agent.jar=destfile=w.exec", null)).isTrue();
        assertThat(ExitHooks.wanted(null, null, "-XX:StartFlightRecording")).isTrue();
    }

    @Test
    void aPlainWorkerHalts() {
        assertThat(ExitHooks.wanted("java\0-XX:+UseG1GC\0-Xlog:all=warning:stderr\0-cp\0x\0Main", null, null)).isFalse();
        assertThat(ExitHooks.wanted((String) null, null, null)).isFalse();
        // An agent library is native code: it writes its results at VM death, which a halt reaches too.
        assertThat(ExitHooks.wanted("java\0-agentpath:/opt/async-profiler/libasyncProfiler.so")).isFalse();
    }
}
