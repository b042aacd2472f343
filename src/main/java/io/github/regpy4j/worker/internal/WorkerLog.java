package io.github.regpy4j.worker.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker's own diagnostics. They go to the child's stderr, which the parent drains into its
 * SLF4J log under the worker's name and keeps the end of for error messages; the worker cannot
 * rely on an SLF4J binding of its own. Used only inside a worker process.
 */
final class WorkerLog {

    /** Lines starting with this come from the runtime, not from the user's operator. */
    static final String PREFIX = "[regpy4j-worker] ";

    private static final PrintStream ERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private WorkerLog() {}

    static void line(String message) {
        ERR.println(PREFIX + message);
    }

    static void line(String message, Throwable t) {
        synchronized (ERR) {
            ERR.println(PREFIX + message);
            t.printStackTrace(ERR);
        }
    }

    static void flush() {
        ERR.flush();
    }
}
