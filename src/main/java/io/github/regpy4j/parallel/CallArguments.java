package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.Request;
import io.github.regpy4j.worker.internal.SharedRegion;
import java.util.Arrays;

/**
 * What each worker of a group gets in one call: the same array for all (encoded once),
 * consecutive slices of one array (the parts of a direct-sum element), or pieces gathered
 * from one array (the components of a direct-sum element a worker's block reads). Slices and
 * pieces go into shared memory, or into a pipe's frame as it is written, straight from the
 * caller's array, without an array of their own first.
 */
final class CallArguments {

    /** The caller's array every worker's argument is taken from. */
    private final double[] source;
    /**
     * Worker {@code i}'s argument is the concatenation of {@code source[from … from+length)} for
     * each pair {@code (from, length)} in {@code pieces[i]}, in order.
     */
    private final int[][] pieces;
    private final int[] lengths;
    private final boolean same;

    private CallArguments(double[] source, int[][] pieces, boolean same) {
        this.source = source;
        this.pieces = pieces;
        this.lengths = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            for (int p = 1; p < pieces[i].length; p += 2) {
                lengths[i] += pieces[i][p];
            }
        }
        this.same = same;
    }

    /** @return every one of {@code workers} workers gets {@code x}. Not modified. */
    static CallArguments same(double[] x, int workers) {
        int[][] p = new int[workers][];
        Arrays.fill(p, new int[] {0, x.length});
        return new CallArguments(x, p, true);
    }

    /** @return worker {@code i} gets {@code y[bounds[i] … bounds[i+1])}. Not modified. */
    static CallArguments slices(double[] y, int[] bounds) {
        int workers = bounds.length - 1;
        int[][] p = new int[workers][];
        for (int i = 0; i < workers; i++) {
            p[i] = new int[] {bounds[i], bounds[i + 1] - bounds[i]};
        }
        return new CallArguments(y, p, workers == 1);
    }

    /**
     * @param x the array the pieces are taken from. Not modified.
     * @param pieces per worker, pairs {@code (from, length)} into {@code x}; worker {@code i}'s
     *     argument is the concatenation of its pieces, in order. Not modified; kept, not copied
     *     (the caller's pieces are fixed for its life, and this is made on every call).
     * @return worker {@code i} gets its pieces of {@code x}; workers with the very same pieces
     *     throughout count as shared
     */
    static CallArguments gathered(double[] x, int[][] pieces) {
        boolean same = true;
        for (int[] p : pieces) {
            same &= Arrays.equals(p, pieces[0]);
        }
        return new CallArguments(x, pieces, same);
    }

    /**
     * @param count how many, at most {@link #count()}
     * @return the first {@code count} workers' arguments, from the same array
     */
    CallArguments first(int count) {
        return new CallArguments(source, Arrays.copyOf(pieces, count), same || count == 1);
    }

    /** @return the number of workers */
    int count() {
        return pieces.length;
    }

    /** @return whether every worker gets the very same vector */
    boolean shared() {
        return same;
    }

    /** @return the length of worker {@code i}'s argument */
    int length(int i) {
        return lengths[i];
    }

    /**
     * Encodes worker {@code i}'s request with its argument taken piece by piece from the caller's
     * array as the frame is written: no array of its own for a slice or for gathered components.
     *
     * @param encoder the worker's encoder
     * @param request the request, without a vector
     * @return the frame; valid while the caller's array is unchanged
     */
    EncodedFrame encode(int i, FrameEncoder encoder, Request request) {
        return MessageCodec.encode(encoder, request, source, pieces[i], lengths[i]);
    }

    /** @return worker {@code i}'s argument as an array of its own: the caller's when it is one whole array, else a copy */
    double[] whole(int i) {
        int[] p = pieces[i];
        if (p.length == 2 && p[0] == 0 && p[1] == source.length) {
            return source;
        }
        double[] out = new double[lengths[i]];
        int at = 0;
        for (int k = 0; k < p.length; k += 2) {
            System.arraycopy(source, p[k], out, at, p[k + 1]);
            at += p[k + 1];
        }
        return out;
    }

    /**
     * Copies worker {@code i}'s argument into {@code region} from index 0, piece by piece, straight
     * from the caller's array.
     *
     * @param region holds at least {@link #length(int)} doubles. Modified.
     */
    void writeTo(int i, SharedRegion region) {
        int[] p = pieces[i];
        int at = 0;
        for (int k = 0; k < p.length; k += 2) {
            region.writeAt(at, source, p[k], p[k + 1]);
            at += p[k + 1];
        }
    }
}
