package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.Request;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the workers of a group that run elsewhere, every quarter of the launcher's idle silence,
 * while no call is running. A worker that hears nothing for the whole silence while idle exits by
 * itself: the guard for transports that do not pass end of file on when the parent is gone. A
 * worker that cannot answer a heartbeat within the silence is killed. One daemon thread per group;
 * it ends when the group closes.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    /** The shortest interval between two heartbeats. */
    private static final long MIN_INTERVAL_MILLIS = 250;

    private Heartbeat() {}

    /**
     * @param group the group to keep alive
     * @param silence the workers' idle silence; heartbeats go every quarter of it
     */
    static void start(WorkerGroup group, Duration silence) {
        long interval = Math.max(MIN_INTERVAL_MILLIS, silence.toMillis() / 4);
        Thread t = new Thread(() -> {
            do {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            } while (group.heartbeat(silence.toMillis()));
        }, "regpy4j-heartbeat-" + group.label());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Pings every worker once and reads the answers; the caller holds the group's call lock. A
     * worker that has not answered within {@code answerMillis} is killed (its channel is stuck;
     * the lock must not be held forever); a worker that does not answer is left for the next call
     * to report.
     */
    static void pingAll(WorkerProcess[] workers, long seq, long answerMillis) {
        boolean[] waiting = new boolean[workers.length];
        ScheduledFuture<?> deadline = Deadlines.after(answerMillis, () -> {
            for (WorkerProcess w : workers) {
                if (waiting[w.index]) {
                    LOG.warn("{} did not answer a heartbeat within {} ms; killing it", w, answerMillis);
                    w.kill(null);
                }
            }
        });
        try {
            for (WorkerProcess w : workers) {
                try {
                    waiting[w.index] = true;
                    w.send(Request.ping(seq, seq), Command.PING.wireName());
                } catch (WorkerException e) {
                    waiting[w.index] = false;
                    LOG.debug("{}: heartbeat not sent: {}", w, e.getMessage());
                }
            }
            for (WorkerProcess w : workers) {
                try {
                    if (waiting[w.index]) {
                        w.receive(Command.PING.wireName(), seq);
                    }
                } catch (WorkerException e) {
                    LOG.debug("{}: no answer to a heartbeat: {}", w, e.getMessage());
                } finally {
                    waiting[w.index] = false;
                }
            }
        } finally {
            deadline.cancel(false);
        }
    }
}
