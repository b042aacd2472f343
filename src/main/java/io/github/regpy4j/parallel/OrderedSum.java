package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An adjoint's sum filled while the workers' results arrive through their pipes, each read piece
 * by piece on its own I/O thread, with no array per reply. Every entry ends up as the terms that
 * cover it added in worker order, the first one copied, so the sum is bit for bit the one {@link
 * ReplyAssembly} makes from whole replies: a term adds a run of its doubles only once the term
 * before it on the same entries has added past them. A run that arrives before that is held back
 * (a copy of the run, not an array of the reply's size) and added as soon as it can be, at the
 * latest once the term's reply is in ({@link #drain}): reading a pipe never waits for another
 * worker, so a worker that finishes early still hands its reply over at once.
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
    /** Per term, the runs that arrived before the earlier terms were there, in order; its own thread only. */
    private final List<ArrayDeque<Held>> held;
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
        this.held = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            held.add(new ArrayDeque<>());
        }
    }

    /** A run held back: doubles {@code index … index+run.length} of its term. */
    @SuppressWarnings("ArrayRecordComponent") // a copy made for the queue, never compared
    private record Held(double[] run, int index) {}

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
        Reply r = w.receive(command, sequence, array(), 0, lengths[i], (run, count, index) -> add(i, run, count, index));
        drain(i);
        return r;
    }

    @Override
    public void finished(int term) {
        synchronized (this) {
            finished[term] = true;
            notifyAll();
        }
    }

    /**
     * Doubles {@code index … index+count} of term {@code term}, in its thread and in order: copied
     * or added into their places now if the earlier terms there have added theirs, else held back.
     * Never waits.
     */
    void add(int term, double[] run, int count, int index) {
        if (broken[term]) {
            return; // the sum is lost; the frame is still read to its end
        }
        ArrayDeque<Held> q = held.get(term);
        if (q.isEmpty() && ready(term, index, count)) {
            apply(term, run, count, index);
            return;
        }
        q.addLast(new Held(Arrays.copyOf(run, count), index));
        while (!q.isEmpty() && ready(term, q.peekFirst().index(), q.peekFirst().run().length)) {
            Held h = q.pollFirst();
            apply(term, h.run(), h.run().length, h.index());
        }
    }

    /**
     * Adds what term {@code term} held back, waiting for the earlier terms as needed: in its
     * thread, once its reply is in. Returns early if an earlier term ends short.
     */
    void drain(int term) {
        ArrayDeque<Held> q = held.get(term);
        while (!q.isEmpty() && !broken[term]) {
            Held h = q.pollFirst();
            if (awaitReady(term, h.index(), h.run().length)) {
                apply(term, h.run(), h.run().length, h.index());
            } else {
                broken[term] = true;
            }
        }
        q.clear();
    }

    /** Copies or adds a run whose earlier terms are there, then says how far the term has come. */
    private void apply(int term, double[] run, int count, int index) {
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
            } else {
                for (int k = 0; k < b - a; k++) {
                    sum[t + k] += run[r + k];
                }
            }
        }
        synchronized (this) {
            progress[term] = end;
            notifyAll();
        }
    }

    /** @return whether the earlier terms under doubles {@code index … index+count} of {@code term} have added theirs there */
    private synchronized boolean ready(int term, int index, int count) {
        int end = index + count;
        for (Segment s : segments[term]) {
            int b = Math.min(end, s.source() + s.length());
            if (s.earlier() >= 0 && Math.max(index, s.source()) < b
                    && progress[s.earlier()] < s.earlierSource() + (b - s.source())) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #ready}, waiting for it; {@code false} if an earlier term ended short of it. */
    private synchronized boolean awaitReady(int term, int index, int count) {
        int end = index + count;
        for (Segment s : segments[term]) {
            int b = Math.min(end, s.source() + s.length());
            if (s.earlier() < 0 || Math.max(index, s.source()) >= b) {
                continue;
            }
            int needed = s.earlierSource() + (b - s.source());
            while (progress[s.earlier()] < needed && !finished[s.earlier()]) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // The call is being abandoned (its workers are ended): give up the sum, keep the flag.
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (progress[s.earlier()] < needed) {
                return false;
            }
        }
        return true;
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
