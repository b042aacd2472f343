package io.github.regpy4j.parallel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon timer thread for the whole JVM: call and startup deadlines of every worker. */
final class Deadlines {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "regpy4j-deadlines");
        t.setDaemon(true);
        return t;
    });

    private Deadlines() {}

    static ScheduledFuture<?> after(long millis, Runnable action) {
        return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> every(long millis, Runnable action) {
        return TIMER.scheduleWithFixedDelay(action, millis, millis, TimeUnit.MILLISECONDS);
    }
}
