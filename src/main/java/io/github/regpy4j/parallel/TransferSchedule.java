package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Moves one call's frames to the workers and their replies back. Small messages are written and
 * read on the calling thread (no thread hand-off); when a request or a reply travelling through a
 * pipe is large, one I/O thread per worker writes and reads, so the transfers overlap.
 */
final class TransferSchedule {

    /** Above this many bytes in a request or reply, transfers run concurrently on I/O threads. */
    private static final int CONCURRENT_TRANSFER_BYTES = 48 * 1024;

    /** What one worker made of one call: a reply, or a failure of the worker itself. */
    record Outcome(Reply reply, WorkerException failure) {}

    /**
     * Where the results that come through the pipes go as they are read, instead of into arrays of
     * their own.
     */
    interface InlineTarget {
        /** Reads worker {@code w}'s reply to request {@code sequence}, its inline result into place. */
        Reply receive(WorkerProcess w, String command, long sequence);

        /**
         * Worker {@code worker}'s reply has been read, or will not be: called once per worker and
         * call, whatever happened, after its last {@link #receive}.
         */
        default void finished(int worker) {}
    }

    /**
     * Where inline results go as they are read, each straight into its place: worker {@code i}'s
     * into {@code [bounds[i], bounds[i+1])} of the array, which is allocated when first needed.
     */
    static final class JoinedTarget implements InlineTarget {
        private final int[] bounds;
        private double[] array;

        /** @param into the joined result, or {@code null} to allocate one of {@code bounds[last]} doubles */
        JoinedTarget(int[] bounds, double[] into) {
            this.bounds = bounds;
            this.array = into;
        }

        /** @return the joined result, allocated on first call (by whichever thread needs it first) */
        synchronized double[] array() {
            if (array == null) {
                array = new double[bounds[bounds.length - 1]];
            }
            return array;
        }

        @Override
        public Reply receive(WorkerProcess w, String command, long sequence) {
            int i = w.index;
            return w.receive(command, sequence, array(), bounds[i], bounds[i + 1] - bounds[i]);
        }
    }

    private final WorkerGroup group;

    TransferSchedule(WorkerGroup group) {
        this.group = group;
    }

    /**
     * Sends every frame and reads every reply.
     *
     * @param whileWaiting run once the requests are out, before the replies are read; or {@code null}
     * @param failFast whether a failed worker ends the group at once
     * @param armDeadline starts the call's backstop against a worker that never answers, on this
     *     thread, once replies are being waited for; or {@code null}
     * @return one outcome per worker
     */
    Outcome[] exchange(Command command, RequestEncoding.Encoded requests, int[] replyBytes, long seq, boolean failFast,
            Runnable whileWaiting, InlineTarget target, Runnable armDeadline) {
        return concurrent(requests.frames(), replyBytes)
                ? exchangeConcurrently(command, requests, seq, failFast, whileWaiting, target, armDeadline)
                : exchangeInline(command, requests, seq, failFast, whileWaiting, target, armDeadline);
    }

    /** Copies worker {@code w}'s own argument into shared memory, if it has one there, and sends its request. */
    private static void send(WorkerProcess w, RequestEncoding.Encoded requests, Command command) {
        Runnable write = requests.writes()[w.index];
        if (write != null) {
            write.run();
        }
        w.send(requests.frames()[w.index], command.wireName());
    }

    private boolean concurrent(EncodedFrame[] frames, int[] replyBytes) {
        if (group.workers.length == 1) {
            return false;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean replyInPipe = !group.sharedMemory.worthIt(replyBytes[i]);
            if (frames[i].length() > CONCURRENT_TRANSFER_BYTES
                    || (replyInPipe && replyBytes[i] > CONCURRENT_TRANSFER_BYTES)) {
                return true;
            }
        }
        return false;
    }

    private Outcome[] exchangeInline(Command command, RequestEncoding.Encoded requests, long seq, boolean failFast,
            Runnable whileWaiting, InlineTarget target, Runnable armDeadline) {
        WorkerProcess[] workers = group.workers;
        Outcome[] out = new Outcome[workers.length];
        for (WorkerProcess w : workers) {
            try {
                send(w, requests, command);
            } catch (WorkerException e) {
                out[w.index] = failed(w.index, e, failFast);
                finished(target, w);
            }
        }
        if (whileWaiting != null) {
            try {
                whileWaiting.run();
            } catch (RuntimeException | Error e) {
                // It must not throw; if it does (an OutOfMemoryError, say), the replies stay unread in
                // the pipes, where the next call would take them for its own: end the workers instead.
                group.fail();
                throw e;
            }
        }
        // Only now does this thread wait for replies: until then they sit unread in the pipes, and
        // this JVM's share may take longer than the call timeout. Armed at the send, the backstop
        // would kill workers that answered long ago.
        if (armDeadline != null) {
            armDeadline.run();
        }
        for (WorkerProcess w : workers) {
            if (out[w.index] == null) {
                try {
                    out[w.index] = exchangeReply(w, command, seq, failFast, target);
                } finally {
                    finished(target, w);
                }
            }
        }
        return out;
    }

    private Outcome[] exchangeConcurrently(Command command, RequestEncoding.Encoded requests, long seq, boolean failFast,
            Runnable whileWaiting, InlineTarget target, Runnable armDeadline) {
        WorkerProcess[] workers = group.workers;
        // The I/O threads read each reply as it comes, while this thread runs the share: the
        // backstop runs from the send.
        if (armDeadline != null) {
            armDeadline.run();
        }
        ExecutorService pool = group.ioThreads();
        List<Future<Outcome>> futures = new ArrayList<>(workers.length);
        for (WorkerProcess w : workers) {
            futures.add(pool.submit(() -> {
                try {
                    try {
                        send(w, requests, command);
                    } catch (WorkerException e) {
                        return failed(w.index, e, failFast);
                    }
                    return exchangeReply(w, command, seq, failFast, target);
                } finally {
                    // Whatever happened: a later worker's reply may be waiting to add after this one's.
                    finished(target, w);
                }
            }));
        }
        if (whileWaiting != null) {
            try {
                whileWaiting.run();
            } catch (RuntimeException | Error e) {
                // As on the inline path; and the I/O threads may be copying arguments into shared
                // memory, which the call unmaps when it ends: with the workers ended, they finish at once.
                group.fail();
                for (Future<Outcome> f : futures) {
                    awaitQuietly(f);
                }
                throw e;
            }
        }
        Outcome[] out = new Outcome[workers.length];
        for (int i = 0; i < futures.size(); i++) {
            try {
                out[i] = futures.get(i).get();
            } catch (ExecutionException e) {
                out[i] = failed(i, new WorkerException(group.names[i] + " failed during " + command + ": "
                        + e.getCause(), e.getCause()), failFast);
            } catch (InterruptedException e) {
                group.fail();
                // The I/O threads may be copying arguments into shared memory, which the call
                // unmaps when it ends: with the workers killed, they finish at once.
                for (Future<Outcome> f : futures) {
                    awaitQuietly(f);
                }
                Thread.currentThread().interrupt();
                throw new WorkerException(group.label() + ": interrupted during " + command
                        + "; the workers were ended", e);
            }
        }
        return out;
    }

    private static void awaitQuietly(Future<Outcome> f) {
        while (true) {
            try {
                f.get();
                return;
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException again) {
                // keep waiting; the interrupt is restored by the caller
            }
        }
    }

    private Outcome exchangeReply(WorkerProcess w, Command command, long seq, boolean failFast, InlineTarget target) {
        try {
            Reply r = target == null ? w.receive(command.wireName(), seq) : target.receive(w, command.wireName(), seq);
            group.pending[w.index] = false;
            return new Outcome(r, null);
        } catch (WorkerException e) {
            return failed(w.index, e, failFast);
        }
    }

    private static void finished(InlineTarget target, WorkerProcess w) {
        if (target != null) {
            target.finished(w.index);
        }
    }

    private Outcome failed(int i, WorkerException e, boolean failFast) {
        group.pending[i] = false;
        if (failFast) {
            // Nothing will be kept: end the others now instead of waiting for their answers.
            group.fail();
        }
        return new Outcome(null, e);
    }
}
