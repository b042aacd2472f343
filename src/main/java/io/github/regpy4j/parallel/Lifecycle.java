package io.github.regpy4j.parallel;

/**
 * Where a {@link WorkerGroup} is in its life. One value instead of separate flags, so that
 * "closed while a call runs" and "closed after a failure" cannot disagree with each other.
 *
 * <pre>
 *   OPEN ⇄ CALLING → CLOSED (close)   any open state → FAILED (a worker failed and could not be replaced)
 * </pre>
 */
enum Lifecycle {
    /** Open and idle. */
    OPEN,
    /** Open, a call exchanging messages now: close kills instead of writing to busy pipes. */
    CALLING,
    /** Closed on purpose. */
    CLOSED,
    /** Closed because a worker failed and could not be replaced. */
    FAILED;

    /** @return whether the group is closed, for whatever reason */
    boolean isClosed() {
        return this == CLOSED || this == FAILED;
    }
}
