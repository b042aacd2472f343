package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How worker JVMs are started and how long they may take. Immutable: each {@code with…} returns a
 * new instance.
 *
 * <pre>{@code
 * WorkerOptions options = WorkerOptions.defaults()
 *         .withJvmArgs(List.of("-Xmx2g"))
 *         .withCallTimeout(Duration.ofMinutes(5));
 * }</pre>
 */
public final class WorkerOptions {

    private static final WorkerOptions DEFAULTS = new WorkerOptions(List.of(), null, Duration.ofSeconds(30));

    private final List<String> jvmArgs;
    private final Duration callTimeout;
    private final Duration startupTimeout;

    private WorkerOptions(List<String> jvmArgs, Duration callTimeout, Duration startupTimeout) {
        this.jvmArgs = jvmArgs;
        this.callTimeout = callTimeout;
        this.startupTimeout = startupTimeout;
    }

    /** @return no extra JVM flags, no call timeout, a startup timeout of 30 s */
    public static WorkerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param jvmArgs extra flags for every worker JVM, e.g. {@code -Xmx2g}; they come after the
     *     runtime's own defaults ({@code -XX:+UseSerialGC -Xms16m -XX:-UsePerfData}) and so can
     *     override them. Not modified (copied).
     * @return options with these flags instead of the current ones
     * @throws IllegalArgumentException if the list or a flag is null or blank
     */
    public WorkerOptions withJvmArgs(List<String> jvmArgs) {
        if (jvmArgs == null) {
            throw new IllegalArgumentException("jvmArgs is null; pass List.of() for none");
        }
        List<String> copy = new ArrayList<>(jvmArgs.size());
        for (int i = 0; i < jvmArgs.size(); i++) {
            String a = jvmArgs.get(i);
            if (a == null || a.isBlank()) {
                throw new IllegalArgumentException("JVM flag " + i + " is " + (a == null ? "null" : "blank")
                        + " in " + jvmArgs);
            }
            copy.add(a);
        }
        return new WorkerOptions(List.copyOf(copy), callTimeout, startupTimeout);
    }

    /**
     * @param timeout the longest one command may run in a worker, positive; after it the call
     *     fails with {@link WorkerTimeoutException} and the worker is ended
     * @return options with this call timeout
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public WorkerOptions withCallTimeout(Duration timeout) {
        return new WorkerOptions(jvmArgs, positive(timeout, "call timeout"), startupTimeout);
    }

    /** @return options without a call timeout: a command may run as long as it takes */
    public WorkerOptions withoutCallTimeout() {
        return new WorkerOptions(jvmArgs, null, startupTimeout);
    }

    /**
     * @param timeout the longest all workers may take to start and answer the handshake, positive
     * @return options with this startup timeout
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public WorkerOptions withStartupTimeout(Duration timeout) {
        return new WorkerOptions(jvmArgs, callTimeout, positive(timeout, "startup timeout"));
    }

    /** @return the extra JVM flags, unmodifiable */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** @return the call timeout, if there is one */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /** @return the startup timeout */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive but is " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerOptions w && jvmArgs.equals(w.jvmArgs) && Objects.equals(callTimeout, w.callTimeout)
                && startupTimeout.equals(w.startupTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jvmArgs, callTimeout, startupTimeout);
    }

    @Override
    public String toString() {
        return "WorkerOptions[jvmArgs=" + jvmArgs + ", callTimeout=" + (callTimeout == null ? "none" : callTimeout)
                + ", startupTimeout=" + startupTimeout + "]";
    }
}
