package io.github.regpy4j.worker.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An exception as it travels from a worker to its parent: the class name, message and stack
 * trace of each link of the cause chain. The exception class itself need not exist in the
 * parent.
 *
 * @param className the fully qualified class name, e.g. {@code java.lang.ArithmeticException}
 * @param message the message, possibly {@code null}
 * @param stackTrace the stack trace in the worker
 * @param cause the cause, or {@code null}
 */
@SuppressWarnings("ArrayRecordComponent") // a protocol message: the stack trace travels without a copy; never compared
public record RemoteError(String className, String message, StackTraceElement[] stackTrace, RemoteError cause) {

    /** Causes past this depth are dropped: a chain that long is a loop or a bug. */
    static final int MAX_DEPTH = 16;

    /**
     * @param t the exception. Not modified.
     * @return its travelling form, with its causes
     */
    public static RemoteError of(Throwable t) {
        return of(t, new IdentityHashMap<>(), 0);
    }

    private static RemoteError of(Throwable t, Map<Throwable, Boolean> seen, int depth) {
        if (t == null || depth >= MAX_DEPTH || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        return new RemoteError(t.getClass().getName(), t.getMessage(), t.getStackTrace(),
                of(t.getCause(), seen, depth + 1));
    }

    /** @return {@code class: message}, as {@link Throwable#toString()} shows it */
    public String summary() {
        return message == null ? className : className + ": " + message;
    }

    /** @return the summary of this error and of each cause, joined by {@code "; caused by "} */
    public String summaryWithCauses() {
        StringBuilder s = new StringBuilder(summary());
        for (RemoteError c = cause; c != null; c = c.cause) {
            s.append("; caused by ").append(c.summary());
        }
        return s.toString();
    }
}
