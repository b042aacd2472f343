package io.github.regpy4j.parallel;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way workers are ended: ask ({@code break}) or kill, wait a bounded time, kill what is left. */
final class Ending {

    private static final Logger LOG = LoggerFactory.getLogger(Ending.class);
    /** How long a worker that was killed gets to be reaped. */
    static final long REAP_MILLIS = 2000;

    private Ending() {}

    /**
     * Ends {@code workers}: {@code break} (or, with {@code killAtOnce}, a kill), then a wait that
     * ends {@code graceMillis} from now for all of them together, then a kill of each one left.
     *
     * @param workers the workers to end
     * @param killAtOnce kill without asking, e.g. because a call is in progress and the pipes may be full
     * @param graceMillis how long the workers together get to leave after {@code break}
     */
    static void breakWaitKill(List<WorkerProcess> workers, boolean killAtOnce, long graceMillis) {
        if (killAtOnce) {
            workers.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
        } else {
            workers.forEach(WorkerProcess::requestBreak);
        }
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        for (WorkerProcess w : workers) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            if (w.waitForExit(left) < 0) {
                if (!killAtOnce) {
                    LOG.warn("{} did not leave within {} ms of break; killing it", w, graceMillis);
                }
                w.kill(WorkerProcess.KillReason.CLOSED);
                w.waitForExit(REAP_MILLIS);
            }
        }
    }
}
