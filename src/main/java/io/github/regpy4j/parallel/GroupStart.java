package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.internal.Hello;
import io.github.regpy4j.worker.internal.OperatorTransport;
import io.github.regpy4j.worker.internal.Reply;
import io.github.regpy4j.worker.internal.Request;
import io.github.regpy4j.worker.internal.WorkerSettings;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Start and handshake of a group's workers: serializing the operators (before any process
 * starts), starting fresh JVMs or taking idle ones from the pool, sending each its operator and
 * checking its hello, all under the startup timeout; on any failure every one of them is ended.
 */
final class GroupStart {

    private GroupStart() {}

    /**
     * @param ops the operators, one per worker. Not modified.
     * @return their bytes; an instance that appears twice is serialized once
     * @throws IllegalArgumentException naming the operator's index if one cannot travel
     */
    static byte[][] serializeAll(List<? extends Operator> ops) {
        IdentityHashMap<Operator, byte[]> done = new IdentityHashMap<>();
        byte[][] bytes = new byte[ops.size()][];
        for (int i = 0; i < bytes.length; i++) {
            Operator op = ops.get(i);
            try {
                bytes[i] = done.computeIfAbsent(op, OperatorTransport::serialize);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operator " + i + " (" + op + "): " + e.getMessage(), e.getCause());
            }
        }
        return bytes;
    }

    /**
     * Starts the workers at {@code indexes} of {@code group}, all at once, and completes their
     * handshake under the startup timeout; on any failure ends every one of them and throws.
     */
    static void launch(WorkerGroup group, int[] indexes) {
        WorkerOptions options = group.options;
        WorkerCommandLine commandLine = WorkerCommandLine.create(options, group.classes, indexes.length,
                group.largestVectorBytes());
        group.reuseKey = commandLine.reuseKey();
        List<WorkerProcess> started = new ArrayList<>(indexes.length);
        ScheduledFuture<?> deadline = null;
        try {
            List<WorkerProcess> idle = group.pool == null ? List.of() : group.pool.take(group.reuseKey, indexes.length,
                    options.startupTimeoutMillis());
            // Fresh JVMs first, so they boot while the idle ones take their operators.
            for (int k = idle.size(); k < indexes.length; k++) {
                started.add(WorkerProcess.start(indexes[k], group.names[indexes[k]], commandLine.command(indexes[k]))
                        .at(commandLine.location(indexes[k])));
            }
            for (int k = 0; k < idle.size(); k++) {
                WorkerProcess w = idle.get(k);
                w.assign(indexes[k], group.names[indexes[k]]);
                started.add(0, w);
            }
            deadline = Deadlines.after(options.startupTimeoutMillis(),
                    () -> started.forEach(w -> w.kill(WorkerProcess.KillReason.STARTUP_TIMEOUT)));
            handshake(group, started);
            for (WorkerProcess w : started) {
                group.workers[w.index] = w;
                w.onExit(() -> group.workerExited(w));
            }
        } catch (WorkerStartupException e) {
            Ending.breakWaitKill(started, true, Ending.REAP_MILLIS);
            throw e;
        } catch (WorkerException e) {
            Ending.breakWaitKill(started, true, Ending.REAP_MILLIS);
            throw new WorkerStartupException("a worker failed to start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            Ending.breakWaitKill(started, true, Ending.REAP_MILLIS);
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            commandLine.deleteArgFile();
        }
    }

    private static void handshake(WorkerGroup group, List<WorkerProcess> started) {
        // The operator goes out before the hello comes back: one round trip saved per worker.
        long seq = group.nextSequence();
        for (WorkerProcess w : started) {
            w.send(Request.init(seq, group.operatorBytes[w.index]), "init");
        }
        for (WorkerProcess w : started) {
            if (!w.greeted) {
                Hello hello = w.receiveHello();
                if (hello.protocolVersion() != Hello.PROTOCOL_VERSION) {
                    throw new WorkerStartupException(w.name + " speaks protocol version " + hello.protocolVersion()
                            + " but this library speaks version " + Hello.PROTOCOL_VERSION
                            + "; the worker's classpath holds another version of regpy4j");
                }
                if (!hello.libraryVersion().equals(WorkerSettings.libraryVersion())) {
                    throw new WorkerStartupException(w.name + " runs regpy4j " + hello.libraryVersion()
                            + " but this JVM runs regpy4j " + WorkerSettings.libraryVersion()
                            + "; put the same version on the worker's classpath");
                }
            }
            Reply r = w.receive("init", seq);
            if (r.code() != ExitCode.SUCCESS) {
                RemoteThrowable remote = RemoteThrowable.of(r.error());
                throw new WorkerStartupException(w.name + " could not rebuild its operator: " + remote
                        + (remote.getCause() != null ? " (caused by " + remote.getCause() + ")" : "")
                        + "; is the operator's class on the worker's classpath?", remote);
            }
        }
    }
}
