package io.github.regpy4j.worker.internal;

import java.util.List;

/**
 * Whether a worker should leave on its parent's {@code break} through {@link System#exit}, so
 * that shutdown hooks run: the JVM runs a tool that writes its results in one, a flight recording
 * started with {@code -XX:StartFlightRecording} (its {@code dumponexit}) or a Java agent such as
 * JaCoCo's. A worker otherwise halts, skipping them, so that no user code can hold up its end; with
 * hooks, its parent's grace after {@code break} (a second) still bounds how long it may take.
 */
final class ExitHooks {

    /** The options whose tools write their results in a shutdown hook. */
    private static final List<String> OPTIONS = List.of("-XX:StartFlightRecording", "-javaagent:");

    private ExitHooks() {}

    /**
     * Reads this JVM's command line ({@code /proc/self/cmdline}, where there is one) and the
     * environment variables the JVM takes options from.
     *
     * @return whether any of them names a tool that writes its results in a shutdown hook
     */
    static boolean wanted() {
        return wanted(ProcSelf.commandLine(), System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS"));
    }

    /**
     * @param sources the texts the JVM took its options from; {@code null} entries are skipped
     * @return whether any of them names a tool that writes its results in a shutdown hook
     */
    static boolean wanted(String... sources) {
        for (String s : sources) {
            if (s != null && OPTIONS.stream().anyMatch(s::contains)) {
                return true;
            }
        }
        return false;
    }
}
