package io.github.regpy4j.parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the JVM's own logging off a worker's stdout, which is the protocol channel: a user's
 * {@code -verbose:gc}, {@code -Xlog:gc} or {@code -Xlog:safepoint:stdout} would otherwise write
 * lines between the frames and break the channel at the first collection. Each such flag is
 * rewritten to log to stderr, which the parent drains into its log under the worker's name;
 * selections, levels, decorators and log files are kept as they were. The JVM's other output
 * ({@code -XX:+PrintCompilation}, {@code -XX:+PrintFlagsFinal}) goes to stderr by the default
 * flag {@code -XX:+DisplayVMOutputToStderr}.
 */
final class StdoutLogging {

    /** What the {@code -verbose} forms log, as the JVM defines them (its {@code -Xlog} equivalents). */
    private static final List<String[]> VERBOSE = List.of(
            new String[] {"-verbose:gc", "-Xlog:gc:stderr"},
            new String[] {"-verbose:class", "-Xlog:class+load=info,class+unload=info:stderr"},
            new String[] {"-verbose:module", "-Xlog:module+load=info,module+unload=info:stderr"});

    private StdoutLogging() {}

    /**
     * @param jvmArgs the user's JVM flags, in order. Not modified.
     * @return the same flags with every log to stdout sent to stderr instead
     */
    static List<String> toStderr(List<String> jvmArgs) {
        List<String> out = new ArrayList<>(jvmArgs.size());
        for (String a : jvmArgs) {
            out.add(toStderr(a));
        }
        return out;
    }

    /**
     * @param arg one JVM flag
     * @return it, or its equivalent that logs to stderr when it would log to stdout
     */
    static String toStderr(String arg) {
        for (String[] v : VERBOSE) {
            if (arg.equals(v[0])) {
                return v[1];
            }
        }
        if (arg.equals("-Xlog")) {
            // -Xlog alone is every tag at info, to stdout.
            return "-Xlog:all=info:stderr";
        }
        if (!arg.startsWith("-Xlog:")) {
            return arg;
        }
        // -Xlog:[what][:[output][:[decorators][:output-options]]]; an empty or missing output is stdout.
        String[] parts = arg.substring("-Xlog:".length()).split(":", 3);
        String what = parts[0];
        if (parts.length == 1 && (what.equals("disable") || what.equals("help") || what.startsWith("async"))) {
            return arg;
        }
        if (parts.length == 1) {
            return arg + ":stderr";
        }
        String output = parts[1];
        if (!output.isEmpty() && !output.equals("stdout") && !output.equals("#0")) {
            return arg;
        }
        return "-Xlog:" + what + ":stderr" + (parts.length == 3 ? ":" + parts[2] : "");
    }
}
