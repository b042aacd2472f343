package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.internal.RemoteError;
import io.github.regpy4j.worker.internal.Reply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a group does when a call goes wrong: a worker that died or timed out is restarted from its
 * original operator while the restart budget lasts, else the group is closed (fail fast); an
 * operator that threw becomes a {@link RemoteOperatorException} naming the worker and the
 * operator's index, and the workers stay usable.
 */
final class CallFailures {

    private static final Logger LOG = LoggerFactory.getLogger(CallFailures.class);
    private static final String MEMBER_FAILURE = OperatorBlock.MemberFailure.class.getName();

    private final WorkerGroup group;

    CallFailures(WorkerGroup group) {
        this.group = group;
    }

    /**
     * Turns the outcomes into replies, or restarts dead workers and throws, or closes the group
     * and throws. A worker that answered TIMEOUT has ended itself: it counts as dead.
     */
    Reply[] settle(Command command, TransferSchedule.Outcome[] outcomes) {
        List<Integer> dead = new ArrayList<>();
        WorkerException cause = null;
        Reply[] replies = new Reply[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            WorkerException f = outcomes[i].failure();
            Reply r = outcomes[i].reply();
            if (f == null && r.code() == ExitCode.TIMEOUT) {
                f = new WorkerTimeoutException(group.names[i] + " did not finish " + command
                        + " within its call timeout of " + group.options.callTimeoutMillis()
                        + " ms and ended; the cause shows where it was", RemoteThrowable.of(r.error()));
            }
            if (f != null) {
                dead.add(i);
                if (cause == null || cause instanceof WorkerProcess.ClosedDuringCall) {
                    cause = f;
                }
            }
            replies[i] = r;
        }
        if (dead.isEmpty()) {
            return replies;
        }
        if (group.state().isClosed() || cause instanceof WorkerProcess.ClosedDuringCall
                || dead.size() > group.restartsLeft) {
            group.fail();
            throw cause;
        }
        for (int i : dead) {
            try {
                restart(i);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                group.fail();
                throw cause;
            }
        }
        throw cause;
    }

    private void restart(int i) {
        Ending.breakWaitKill(List.of(group.workers[i]), true, 1000);
        group.restartsLeft--;
        GroupStart.launch(group, new int[] {i});
        group.lostLinearization[i] = true;
        if (group.state().isClosed()) {
            // Closed while the new worker started: close saw only the old one.
            Ending.breakWaitKill(List.of(group.workers[i]), true, Ending.REAP_MILLIS);
            throw new IllegalStateException(group.label() + " was closed while " + group.names[i] + " restarted");
        }
        LOG.warn("{} died and was restarted as pid {}; {} restarts left", group.names[i], group.workers[i].pid(),
                group.restartsLeft);
    }

    /**
     * An operator threw in some workers: the first error, with the others suppressed. The workers
     * stay usable. In a worker serving several operators, the message names the one that threw
     * and the cause is its own exception.
     */
    void throwRemoteErrors(Command command, Reply[] replies) {
        RemoteOperatorException thrown = null;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].code() != ExitCode.SUCCESS) {
                RemoteOperatorException e = operatorThrew(group.names[i], command, replies[i].error());
                if (thrown == null) {
                    thrown = e;
                } else {
                    thrown.addSuppressed(e);
                }
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    /**
     * @param where the worker (or this JVM's share) whose operator threw
     * @param command the call
     * @param error what it threw; from a block, the {@link OperatorBlock.MemberFailure} that names
     *     the member
     * @return the exception to throw: it names {@code where} and, from a block, the member, and
     *     its cause is the member's own exception
     */
    static RemoteOperatorException operatorThrew(String where, Command command, RemoteError error) {
        String which = "";
        if (MEMBER_FAILURE.equals(error.className()) && error.cause() != null) {
            which = ", " + error.message() + ",";
            error = error.cause();
        }
        RemoteThrowable remote = RemoteThrowable.of(error);
        return new RemoteOperatorException(where + which + " threw during " + command + ": " + remote, remote);
    }
}
