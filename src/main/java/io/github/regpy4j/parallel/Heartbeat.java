package io.github.regpy4j.parallel;

import java.time.Duration;

/**
 * Pings the workers of a group that run elsewhere, every quarter of the launcher's idle silence,
 * while no call is running. A worker that hears nothing for the whole silence while idle exits by
 * itself: the guard for transports that do not pass end of file on when the parent is gone. A
 * worker that cannot answer a heartbeat within the silence is killed. One daemon thread per group;
 * it ends when the group closes.
 */
final class Heartbeat {

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
}
