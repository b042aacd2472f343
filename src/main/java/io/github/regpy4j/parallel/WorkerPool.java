package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Hello;
import io.github.regpy4j.worker.internal.OperatorTransport;
import io.github.regpy4j.worker.internal.WorkerSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle worker JVMs of one {@link ParallelExecutionManager}, waiting to serve the next parallel
 * operator created in its scope: a JVM cannot fork, so the fastest worker is one that is already
 * running. Workers are kept by the full command line that started them (JVM, flags, classpath,
 * launcher), and handed out only for an equal one. A worker is idle here only after it forgot its
 * last operator cleanly ({@code reset}, no thread left behind), or right after it was prestarted.
 * Idle workers end when the pool closes, after the idle timeout, and on the JVM's exit; like every
 * worker, they also end by themselves when this JVM dies.
 */
final class WorkerPool {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private record Idle(WorkerProcess worker, long sinceNanos) {}

    private final String label = "pool#" + IDS.incrementAndGet();
    private final Map<List<String>, Deque<Idle>> idle = new HashMap<>();
    private final long idleTimeoutNanos;
    private final ScheduledFuture<?> reaper;
    /** Prestart batches whose command line is still being made: {@link #take} waits until they have a key. */
    private int unkeyed;
    /** Prestarted workers still booting, by reuse key: {@link #take} waits for them. */
    private final Map<List<String>, Integer> arriving = new HashMap<>();
    /** Prestarted workers that have not greeted yet: {@link #close} ends them with the idle ones. */
    private final Set<WorkerProcess> bootingWorkers = new HashSet<>();
    /** The threads that start workers ahead: {@link #close} waits for them, so none starts one after it. */
    private final List<Thread> prestarting = new ArrayList<>();
    private boolean closed;

    WorkerPool(Duration idleTimeout) {
        this.idleTimeoutNanos = idleTimeout.toNanos();
        long period = Math.max(50, idleTimeout.toMillis() / 4);
        this.reaper = Deadlines.every(period, this::endExpired);
        LiveGroups.addPool(this);
    }

    /**
     * Starts {@code count} workers in the background, without an operator, for the options the
     * next operators will use. Until each has greeted or failed, it counts as arriving: {@link
     * #take} waits for it rather than have a second JVM boot beside it on the same cores. A
     * prestarted worker that does not greet within the options' startup timeout is killed.
     */
    void prestart(int count, WorkerOptions options) {
        if (count <= 0) {
            return;
        }
        Thread t = new Thread(() -> startAhead(count, options), "regpy4j-prestart-" + label);
        t.setDaemon(true);
        synchronized (this) {
            if (closed) {
                return;
            }
            // Counted before the thread starts, so an operator created at once waits for these workers.
            unkeyed++;
            prestarting.add(t);
        }
        t.start();
    }

    private void startAhead(int count, WorkerOptions options) {
        WorkerCommandLine commandLine = null;
        try {
            // Here, not on the caller's thread: a first class-data-sharing archive is recorded here.
            commandLine = WorkerCommandLine.create(options, Set.of(), count);
        } catch (RuntimeException e) {
            LOG.warn("{}: prestarting {} workers failed: {}", label, count, e.toString());
        } finally {
            if (commandLine == null) {
                synchronized (this) {
                    unkeyed--;
                    prestarting.remove(Thread.currentThread());
                    notifyAll();
                }
            }
        }
        if (commandLine == null) {
            return;
        }
        List<String> key = commandLine.reuseKey();
        synchronized (this) {
            unkeyed--;
            arriving.merge(key, count, Integer::sum);
            notifyAll();
        }
        // This batch's workers not yet greeted: only these are the deadline's to kill; a greeted
        // one is the pool's, and may already serve an operator.
        List<WorkerProcess> batch = new CopyOnWriteArrayList<>();
        int greeted = 0;
        ScheduledFuture<?> deadline = Deadlines.after(options.startupTimeoutMillis(),
                () -> batch.forEach(w -> w.kill(WorkerProcess.KillReason.STARTUP_TIMEOUT)));
        try {
            for (int i = 0; i < count && isOpen(); i++) {
                WorkerProcess w = WorkerProcess.start(i, label + "/prestarted " + i, commandLine.command(i))
                        .at(commandLine.location(i));
                batch.add(w);
                if (!booting(w)) {
                    break;
                }
            }
            // While they boot: this JVM's serializer, which the operators that take them will need.
            warmUpSerializer();
            for (WorkerProcess w : List.copyOf(batch)) {
                Hello h = w.receiveHello();
                batch.remove(w);
                greeted++;
                boolean sameVersion = h.protocolVersion() == Hello.PROTOCOL_VERSION
                        && h.libraryVersion().equals(WorkerSettings.libraryVersion());
                if (!arrived(key, w, sameVersion)) {
                    w.requestBreak();
                }
            }
        } catch (RuntimeException e) {
            if (isOpen()) {
                LOG.warn("{}: prestarting {} workers failed: {}", label, count, e.toString());
            } else {
                LOG.debug("{}: closed while {} prestarted workers booted: {}", label, batch.size(), e.toString());
            }
        } finally {
            deadline.cancel(false);
            // Whatever never greeted (a failure, the deadline, the pool closed) ends here.
            batch.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
            synchronized (this) {
                bootingWorkers.removeAll(batch);
            }
            commandLine.deleteArgFile();
            settle(key, count - greeted); // the ones that never greeted
            synchronized (this) {
                prestarting.remove(Thread.currentThread());
            }
        }
    }

    /**
     * Registers a prestarted worker that boots, so that {@link #close} ends it too.
     *
     * @return false if the pool is closed: the worker is then killed at once
     */
    private boolean booting(WorkerProcess w) {
        synchronized (this) {
            if (!closed) {
                bootingWorkers.add(w);
                return true;
            }
        }
        w.kill(WorkerProcess.KillReason.CLOSED);
        return false;
    }

    private void warmUpSerializer() {
        try {
            OperatorTransport.warmUpSerializer();
        } catch (RuntimeException e) {
            // Only time is lost: the first operator's serialization loads the classes, and reports what fails.
            LOG.debug("{}: warming this JVM's serializer failed: {}", label, e.toString());
        }
    }

    /**
     * A prestarted worker greeted: no longer arriving; offered to the pool if it speaks this
     * library's version.
     *
     * @return whether the pool took it
     */
    private synchronized boolean arrived(List<String> key, WorkerProcess w, boolean sameVersion) {
        bootingWorkers.remove(w);
        settle(key, 1);
        return sameVersion && offer(key, w);
    }

    /** {@code n} prestarted workers of {@code key} will not arrive, or have: wakes whoever waits for them. */
    private synchronized void settle(List<String> key, int n) {
        if (n > 0) {
            arriving.computeIfPresent(key, (k, c) -> c > n ? c - n : null);
            notifyAll();
        }
    }

    /**
     * Takes up to {@code n} idle, living workers started by an equal command line. While fewer are
     * idle than asked for and prestarted ones of that command line are still booting (or a
     * prestart has not made its command line yet), waits for them, at most {@code maxWaitMillis}: a worker already booting is ready sooner than one
     * started now, and two JVMs booting at once on few cores each take longer.
     *
     * @return the workers, no longer in the pool
     */
    List<WorkerProcess> take(List<String> key, int n, long maxWaitMillis) {
        List<WorkerProcess> taken = new ArrayList<>();
        List<WorkerProcess> dead = new ArrayList<>();
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        boolean waited = false;
        synchronized (this) {
            while (true) {
                Deque<Idle> q = idle.get(key);
                while (q != null && !q.isEmpty() && taken.size() < n) {
                    WorkerProcess w = q.pollFirst().worker();
                    // A worker that died while idle is never handed out.
                    (w.isAlive() ? taken : dead).add(w);
                }
                long left = waitUntil - System.nanoTime();
                boolean mayArrive = unkeyed > 0 || arriving.getOrDefault(key, 0) > 0;
                if (taken.size() >= n || closed || !mayArrive || left <= 0) {
                    break;
                }
                waited = true;
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        dead.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
        if (!taken.isEmpty()) {
            LOG.debug("{}: handing out {} idle workers{}", label, taken.size(), waited ? " (waited for prestarted ones)" : "");
        }
        return taken;
    }

    /** @return whether the pool took the worker; if not, the caller ends it */
    synchronized boolean offer(List<String> key, WorkerProcess w) {
        if (closed || !w.isAlive()) {
            return false;
        }
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new Idle(w, System.nanoTime()));
        notifyAll();
        return true;
    }

    /** @return whether the pool still takes workers */
    synchronized boolean isOpen() {
        return !closed;
    }

    /** @return the number of idle workers */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** @return the idle worker processes */
    synchronized List<ProcessHandle> idleProcesses() {
        return idle.values().stream().flatMap(Deque::stream).map(i -> i.worker().handle()).toList();
    }

    private void endExpired() {
        List<WorkerProcess> expired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Deque<Idle> q : idle.values()) {
                while (!q.isEmpty() && now - q.peekFirst().sinceNanos() > idleTimeoutNanos) {
                    expired.add(q.pollFirst().worker());
                }
            }
        }
        if (!expired.isEmpty()) {
            LOG.debug("{}: ending {} workers idle for longer than {} ms", label, expired.size(),
                    idleTimeoutNanos / 1_000_000);
            end(expired);
        }
    }

    /** Ends every idle worker and every prestarted one still booting; later offers are refused. Idempotent and bounded. */
    void close() {
        List<WorkerProcess> all = new ArrayList<>();
        List<WorkerProcess> unready = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            idle.values().forEach(q -> q.forEach(i -> all.add(i.worker())));
            idle.clear();
            unready.addAll(bootingWorkers);
            bootingWorkers.clear();
        }
        reaper.cancel(false);
        LiveGroups.removePool(this);
        // A worker that has not greeted reads no break yet: killed, as a failed start's workers are.
        unready.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(prestarting);
        }
        for (Thread t : threads) {
            // It starts no worker once the pool is closed, and its booting ones are killed: it ends at once.
            joinQuietly(t, 5000);
        }
        unready.forEach(w -> w.waitForExit(2000));
        end(all);
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void end(List<WorkerProcess> workers) {
        workers.forEach(WorkerProcess::requestBreak);
        for (WorkerProcess w : workers) {
            if (w.waitForExit(1000) < 0) {
                w.kill(WorkerProcess.KillReason.CLOSED);
                w.waitForExit(2000);
            }
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
