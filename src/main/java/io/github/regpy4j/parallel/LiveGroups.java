package io.github.regpy4j.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open worker group of this JVM: for the shutdown hook that closes what is still open when
 * the JVM exits, and for the warning past {@value #MAX_WORKERS} live workers (regpy's
 * {@code MAX_SUBPROCESSES}).
 */
final class LiveGroups {

    private static final Logger LOG = LoggerFactory.getLogger(LiveGroups.class);
    static final int MAX_WORKERS = 128;

    private static final Set<WorkerGroup> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<WorkerPool> POOLS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LiveGroups() {}

    static void addPool(WorkerPool pool) {
        installHook();
        POOLS.add(pool);
    }

    static void removePool(WorkerPool pool) {
        POOLS.remove(pool);
    }

    private static void installHook() {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveGroups::closeAll, "regpy4j-shutdown"));
        }
    }

    static void add(WorkerGroup group) {
        installHook();
        OPEN.add(group);
        int live = liveWorkers();
        if (live > MAX_WORKERS) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("{} worker JVMs are running, more than {}; close parallel operators you no longer need "
                        + "(try-with-resources or a ParallelExecutionManager)", live, MAX_WORKERS);
            }
        } else {
            WARNED.set(false);
        }
    }

    static void remove(WorkerGroup group) {
        OPEN.remove(group);
    }

    /** @return the number of workers in open groups and idle in pools */
    static int liveWorkers() {
        return OPEN.stream().mapToInt(WorkerGroup::size).sum() + POOLS.stream().mapToInt(WorkerPool::idleCount).sum();
    }

    private static void closeAll() {
        List<WorkerGroup> open = new ArrayList<>(OPEN);
        if (!open.isEmpty()) {
            LOG.info("JVM exiting: closing {} parallel operators still open", open.size());
        }
        open.forEach(WorkerGroup::close);
        new ArrayList<>(POOLS).forEach(WorkerPool::close);
    }
}
