package io.github.regpy4j.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a group: clean workers go back to the manager's pool to wait for the next operator;
 * the rest get {@code break} (or a kill, when a call is in progress and its pipes may be full), a
 * short wait, then a forced kill; the processes their operators started are ended with them.
 */
final class GroupClosing {

    private static final Logger LOG = LoggerFactory.getLogger(GroupClosing.class);
    /** How long close waits for workers to leave after {@code break} before killing them. */
    private static final long BREAK_GRACE_MILLIS = 1000;

    private GroupClosing() {}

    /**
     * @param group a group just marked closed
     * @param wasCalling whether a call was exchanging messages when it was closed
     * @param failed whether it was closed because a worker failed
     */
    static void close(WorkerGroup group, boolean wasCalling, boolean failed) {
        LiveGroups.remove(group);
        List<WorkerProcess> current = Arrays.stream(group.workers).filter(w -> w != null).toList();
        List<WorkerProcess> ending = current;
        WorkerPool pool = group.pool;
        if (pool != null && pool.isOpen() && !failed && !wasCalling) {
            synchronized (group.callLock) {
                ending = giveBackToPool(group, current);
                group.sharedMemory.close();
            }
        }
        Ending.breakWaitKill(ending, wasCalling, BREAK_GRACE_MILLIS);
        // A worker that died before (killed from outside, halted by its operator) may have left
        // the processes its operator started running, orphaned: they are still in its group.
        // Only the groups of workers that ended: a parked worker leads its own group.
        WorkerProcess.endGroups(ending);
        group.shutdownIoThreads();
        // Unmapping while a call still reads a region would crash the JVM: only under the call lock.
        // A call in progress ends promptly now that its workers are gone, and closes the regions itself.
        if (!wasCalling) {
            synchronized (group.callLock) {
                group.sharedMemory.close();
            }
        }
        LOG.info("{}: {} workers closed, {} kept idle", group.label(), group.workers.length,
                current.size() - ending.size());
    }

    /**
     * Resets each worker and gives the clean ones to the pool.
     *
     * @return the workers the pool did not take: they answered badly, or their operator left
     *     threads running (a worker is only reused clean)
     */
    private static List<WorkerProcess> giveBackToPool(WorkerGroup group, List<WorkerProcess> current) {
        List<WorkerProcess> rest = new ArrayList<>();
        long seq = group.nextSequence();
        ScheduledFuture<?> deadline = Deadlines.after(BREAK_GRACE_MILLIS,
                () -> current.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED)));
        try {
            for (WorkerProcess w : current) {
                int left = w.reset(seq);
                if (left != 0 || !group.pool.offer(group.reuseKey, w)) {
                    ReuseRefusals.report(w, left);
                    rest.add(w);
                }
            }
        } finally {
            deadline.cancel(false);
        }
        return rest;
    }
}
