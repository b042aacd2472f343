package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.Reply;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Puts the workers' replies where the caller wants them, each copied once: side by side into the
 * joined result (forward), or added up into one sum (adjoint). A reply
 * waiting in shared memory goes from its region straight to its place.
 */
final class ReplyAssembly {

    /** Above this many doubles in shared-memory replies, two threads copy them into the result. */
    private static final long PARALLEL_COPY_DOUBLES = 1L << 19;

    private final WorkerGroup group;

    ReplyAssembly(WorkerGroup group) {
        this.group = group;
    }

    /**
     * Writes worker {@code i}'s result into {@code joined[bounds[i] … bounds[i+1])}.
     *
     * @param joined the result. Modified.
     * @return {@code joined}
     * @throws WorkerProtocolException if a result has another length (the group is then closed)
     */
    double[] joined(Command command, Reply[] replies, int[] bounds, double[] joined) {
        long sharedDoubles = 0;
        int sharedReplies = 0;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].vector() == joined) {
                continue; // decoded from the pipe straight into its place
            }
            Reply r = requireLength(command, replies, i, bounds[i + 1] - bounds[i]);
            if (r.shared() != null) {
                sharedDoubles += r.shared().length();
                sharedReplies++;
            } else {
                System.arraycopy(r.vector(), 0, joined, bounds[i], r.vector().length);
            }
        }
        copySharedReplies(replies, bounds, joined, sharedReplies >= 2 && sharedDoubles >= PARALLEL_COPY_DOUBLES);
        return joined;
    }

    /**
     * Adds the results up in worker order, starting from a copy of the first (not from zero, so
     * one worker's result comes back bit for bit, as {@code Vectors.sum} does): each reply goes
     * from the pipe's array or its shared region straight into the sum, with no array per reply.
     *
     * @param sum where the sum goes; every entry is overwritten. Modified.
     * @return {@code sum}
     */
    double[] summed(Command command, Reply[] replies, double[] sum) {
        for (int i = 0; i < replies.length; i++) {
            requireLength(command, replies, i, sum.length);
        }
        // Large sums are split by index between this thread and an I/O thread: each entry is still
        // added up in worker order, so the result is the same bit for bit.
        int half = replies.length >= 2 && (long) sum.length * replies.length >= PARALLEL_COPY_DOUBLES ? sum.length / 2 : 0;
        Future<?> helper = half == 0 ? null : group.ioThreads().submit(() -> sumRange(replies, sum, 0, half));
        sumRange(replies, sum, half, sum.length);
        if (helper != null) {
            awaitCopy(helper);
        }
        return sum;
    }

    /**
     * The sum that was added up while the replies came in ({@link OrderedSum}), once each reply
     * is checked: every one must have brought its whole result that way.
     *
     * @return the sum
     * @throws WorkerProtocolException if a reply came without its result, or with one of another
     *     length (the group is then closed)
     */
    double[] streamed(Command command, Reply[] replies, OrderedSum sum) {
        double[] into = sum.array();
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].vector() != into) {
                requireLength(command, replies, i, sum.termLength(i));
            }
        }
        if (!sum.complete()) {
            // Every reply was a success of the right length, and yet one was not added: a bug here.
            group.fail();
            throw new WorkerProtocolException(group.label() + ": the results of " + command
                    + " did not all arrive in the sum", null);
        }
        return sum.finish();
    }

    private void sumRange(Reply[] replies, double[] sum, int from, int to) {
        for (int i = 0; i < replies.length; i++) {
            partInto(i, replies[i], from, to - from, sum, from, i > 0);
        }
    }

    /**
     * Per component of the whole domain, the sum of what every worker that reads it gives back, in
     * worker order, as {@link Distribution#collect(double[][])} computes it, but from the replies
     * straight into {@code into}.
     *
     * @param perWorker which components each worker reads
     * @param into an element of the whole domain; every entry is overwritten (components no
     *     worker reads become zero). Modified.
     * @return {@code into}
     */
    double[] collected(Command command, Reply[] replies, Distribution perWorker, double[] into) {
        DirectSum domain = perWorker.domain();
        boolean[] touched = new boolean[domain.count()];
        for (int i = 0; i < replies.length; i++) {
            Reply r = requireLength(command, replies, i, perWorker.operatorDomain(i).realSize());
            int at = 0;
            for (int j : perWorker.components(i)) {
                int from = domain.offset(j);
                int len = domain.offset(j + 1) - from;
                partInto(i, r, at, len, into, from, touched[j]);
                touched[j] = true;
                at += len;
            }
        }
        for (int j = 0; j < touched.length; j++) {
            if (!touched[j]) {
                Arrays.fill(into, domain.offset(j), domain.offset(j + 1), 0.0);
            }
        }
        return into;
    }

    /** Copies or adds doubles {@code from … from+n} of worker {@code i}'s result into {@code into} at {@code offset}. */
    private void partInto(int i, Reply r, int from, int n, double[] into, int offset, boolean add) {
        if (r.shared() != null) {
            group.sharedMemory.replyPartInto(i, r.shared(), from, n, into, offset, add);
        } else if (add) {
            double[] v = r.vector();
            for (int k = 0; k < n; k++) {
                into[offset + k] += v[from + k];
            }
        } else {
            System.arraycopy(r.vector(), from, into, offset, n);
        }
    }

    /**
     * Copies the replies that wait in shared memory into their places. Large ones are split between
     * this thread and one I/O thread: when the replies are in, the workers are idle, and the copy
     * is the call's last step; on one core it left the other idle (1e6 doubles from 4 workers: 32
     * MB, a quarter of the call, profiled).
     */
    private void copySharedReplies(Reply[] replies, int[] bounds, double[] joined, boolean inParallel) {
        int[] shared = new int[replies.length];
        int k = 0;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].shared() != null) {
                shared[k++] = i;
            }
        }
        int first = inParallel ? k / 2 : 0;
        Future<?> helper = null;
        if (first > 0) {
            int[] mine = Arrays.copyOf(shared, first);
            helper = group.ioThreads().submit(() -> {
                for (int i : mine) {
                    group.sharedMemory.readReplyInto(i, replies[i].shared(), joined, bounds[i]);
                }
            });
        }
        for (int j = first; j < k; j++) {
            int i = shared[j];
            group.sharedMemory.readReplyInto(i, replies[i].shared(), joined, bounds[i]);
        }
        if (helper != null) {
            awaitCopy(helper);
        }
    }

    private void awaitCopy(Future<?> helper) {
        try {
            helper.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new WorkerException(group.label() + ": copying a reply from shared memory failed: " + cause, cause);
        } catch (InterruptedException e) {
            // The helper reads shared memory, which the call unmaps when it ends: let it finish
            // first (a copy of some megabytes), then end the call.
            finishUninterruptibly(helper);
            Thread.currentThread().interrupt();
            group.fail();
            throw new WorkerException(group.label() + ": interrupted while copying replies; the workers were ended", e);
        }
    }

    private static void finishUninterruptibly(Future<?> helper) {
        while (true) {
            try {
                helper.get();
                return;
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException again) {
                // keep waiting; the interrupt is restored by the caller
            }
        }
    }

    private Reply requireLength(Command command, Reply[] replies, int i, int expected) {
        Reply r = requireVector(command, replies, i);
        int length = r.shared() != null ? r.shared().length() : r.vector().length;
        if (length != expected) {
            group.fail();
            throw new WorkerProtocolException(group.names[i] + " answered " + command + " with " + length
                    + " doubles but " + expected + " were expected", null);
        }
        return r;
    }

    private Reply requireVector(Command command, Reply[] replies, int i) {
        if (!replies[i].hasVector()) {
            group.fail();
            throw new WorkerProtocolException(group.names[i] + " answered " + command + " without a result", null);
        }
        return replies[i];
    }
}
