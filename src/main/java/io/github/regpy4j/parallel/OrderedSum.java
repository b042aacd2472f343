package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An adjoint's sum filled while the workers' results arrive through their pipes, each read piece
 * by piece on its own I/O thread, with no array per reply. Every entry ends up as the terms that
 * cover it added in worker order, the first one copied, so the sum is bit for bit the one {@link
 * ReplyAssembly} makes from whole replies: a term adds a run of its doubles only once the term
 * before it on the same entries has added past them. While a term waits, its worker's pipe fills
 * and the worker waits to write: the terms flow in step, never more than a pipe apart.
 *
 * <p>A term that ends without adding all its doubles (its worker failed, answered with an error,
 * or sent a result of another length) releases the terms waiting for it; they stop adding, and
 * the sum is {@linkplain #complete() incomplete}: the call fails for the first term's reason.
 */
final class OrderedSum implements TransferSchedule.InlineTarget {

    /**
     * Doubles {@code [source, source + length)} of a term go to {@code [target, target + length)}
     * of the sum: copied when {@code earlier} is -1, otherwise added once term {@code earlier} has
     * added its own doubles up to {@code earlierSource + length} there.
     */
    private record Segment(int source, int target, int length, int earlier, int earlierSource) {}

    private final Segment[][] segments;
    private final int[] lengths;
    /** Per target entry range no term covers: {@code [from, to)} pairs, zeroed when the sum is taken. */
    private final int[] uncovered;
    private final int size;
    /** Per term, the doubles it has added (guarded by this). */
    private final int[] progress;
    /** Per term, whether its reply has been read or never will be (guarded by this). */
    private final boolean[] finished;
    /** Per term, whether it stopped adding because an earlier term ended short; its own thread only. */
    private final boolean[] broken;
    private double[] into;

    private OrderedSum(Segment[][] segments, int[] lengths, int[] uncovered, int size, double[] into) {
        this.segments = segments;
        this.lengths = lengths;
        this.uncovered = uncovered;
        this.size = size;
        this.into = into;
        this.progress = new int[lengths.length];
        this.finished = new boolean[lengths.length];
        this.broken = new boolean[lengths.length];
    }

    /**
     * Whether results of these sizes can be added in as they arrive: each must be large enough to
     * be lifted out of its frame ({@link FrameReader}), which every result of that size is.
     *
     * @param replyBytes each term's size in bytes
     * @return whether every term is at least two write pieces long
     */
    static boolean suits(int[] replyBytes) {
        for (int b : replyBytes) {
            if (b < 2 * FrameFormat.WRITE_CHUNK) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sum of {@code terms} vectors of {@code length} doubles each: the adjoint of a column of operators.
     *
     * @param into the sum to overwrite, or {@code null} for a fresh one
     */
    static OrderedSum whole(int terms, int length, double[] into) {
        Segment[][] segments = new Segment[terms][];
        int[] lengths = new int[terms];
        for (int i = 0; i < terms; i++) {
            segments[i] = new Segment[] {new Segment(0, 0, length, i - 1, 0)};
            lengths[i] = length;
        }
        return new OrderedSum(segments, lengths, new int[0], length, into);
    }

    /**
     * Per component of the whole domain, the sum of the parts of the workers that read it, as
     * {@link Distribution#collect(double[][])} computes it: the adjoint of a distributed column.
     * Components no worker reads become zero.
     *
     * @param perWorker which components each worker's result holds, in order
     * @param into the element of the whole domain to overwrite, or {@code null} for a fresh one
     */
    static OrderedSum collected(Distribution perWorker, double[] into) {
        DirectSum domain = perWorker.domain();
        int terms = perWorker.operatorCount();
        int[] lastReader = new int[domain.count()];
        int[] lastReaderOffset = new int[domain.count()];
        Arrays.fill(lastReader, -1);
        Segment[][] segments = new Segment[terms][];
        int[] lengths = new int[terms];
        for (int i = 0; i < terms; i++) {
            List<Segment> own = new ArrayList<>();
            int at = 0;
            for (int j : perWorker.components(i)) {
                int from = domain.offset(j);
                int len = domain.offset(j + 1) - from;
                own.add(new Segment(at, from, len, lastReader[j], lastReaderOffset[j]));
                lastReader[j] = i;
                lastReaderOffset[j] = at;
                at += len;
            }
            segments[i] = own.toArray(new Segment[0]);
            lengths[i] = at;
        }
        List<Integer> zero = new ArrayList<>();
        for (int j = 0; j < domain.count(); j++) {
            if (lastReader[j] < 0) {
                zero.add(domain.offset(j));
                zero.add(domain.offset(j + 1));
            }
        }
        return new OrderedSum(segments, lengths, zero.stream().mapToInt(Integer::intValue).toArray(),
                domain.realSize(), into);
    }

    /** @return the sum, allocated on first call (by whichever thread needs it first) */
    synchronized double[] array() {
        if (into == null) {
            into = new double[size];
        }
        return into;
    }

    @Override
    public Reply receive(WorkerProcess w, String command, long sequence) {
        int i = w.index;
        return w.receive(command, sequence, array(), 0, lengths[i], (run, count, index) -> add(i, run, count, index));
    }

    @Override
    public void finished(int term) {
        synchronized (this) {
            finished[term] = true;
            notifyAll();
        }
    }

    /**
     * Doubles {@code index … index+count} of term {@code term}, in its thread: copied or added into
     * their places, after the earlier terms there.
     */
    void add(int term, double[] run, int count, int index) {
        if (broken[term]) {
            return; // the sum is lost; the frame is still read to its end
        }
        double[] sum = array();
        int end = index + count;
        for (Segment s : segments[term]) {
            int a = Math.max(index, s.source());
            int b = Math.min(end, s.source() + s.length());
            if (a >= b) {
                continue;
            }
            int t = s.target() + (a - s.source());
            int r = a - index;
            if (s.earlier() < 0) {
                System.arraycopy(run, r, sum, t, b - a);
            } else if (awaitEarlier(s.earlier(), s.earlierSource() + (b - s.source()))) {
                for (int k = 0; k < b - a; k++) {
                    sum[t + k] += run[r + k];
                }
            } else {
                broken[term] = true;
                return;
            }
        }
        synchronized (this) {
            progress[term] = end;
            notifyAll();
        }
    }

    /** @return whether term {@code earlier} has added {@code needed} doubles; {@code false} if it ended short */
    private synchronized boolean awaitEarlier(int earlier, int needed) {
        while (progress[earlier] < needed && !finished[earlier]) {
            try {
                wait();
            } catch (InterruptedException e) {
                // The call is being abandoned (its workers are ended): give up the sum, keep the flag.
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return progress[earlier] >= needed;
    }

    /** @return whether every term added all of its doubles: the sum is whole */
    synchronized boolean complete() {
        for (int i = 0; i < lengths.length; i++) {
            if (progress[i] != lengths[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Zeroes what no term covers, once the sum is complete.
     *
     * @return the sum
     */
    double[] finish() {
        double[] sum = array();
        for (int k = 0; k < uncovered.length; k += 2) {
            Arrays.fill(sum, uncovered[k], uncovered[k + 1], 0.0);
        }
        return sum;
    }

    /** @return how many doubles term {@code i} holds */
    int termLength(int i) {
        return lengths[i];
    }
}
