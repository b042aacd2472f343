package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.Request;
import io.github.regpy4j.worker.internal.SharedRegion;
import java.util.Arrays;

/**
 * What each worker of a group gets in one call: the same array for all (encoded once), one array
 * each, consecutive slices of one array (the parts of a direct-sum element), or pieces gathered
 * from one array (the components of a direct-sum element a worker's block reads). Slices and
 * pieces go to shared memory straight from the caller's array, without an array of their own first.
 */
final class CallArguments {

    private final double[][] arrays;
    /**
     * Worker {@code i}'s argument is the concatenation of {@code arrays[i][from … from+length)} for
     * each pair {@code (from, length)} in {@code pieces[i]}, in order.
     */
    private final int[][] pieces;
    private final int[] lengths;
    private final boolean same;

    private CallArguments(double[][] arrays, int[][] pieces, boolean same) {
        this.arrays = arrays;
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
        double[][] a = new double[workers][];
        Arrays.fill(a, x);
        int[][] p = new int[workers][];
        Arrays.fill(p, new int[] {0, x.length});
        return new CallArguments(a, p, true);
    }

    /** @return worker {@code i} gets {@code arrays[i]}; the same array in every slot counts as shared. Not modified. */
    static CallArguments each(double[][] arrays) {
        boolean same = true;
        int[][] p = new int[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            same &= arrays[i] == arrays[0];
            p[i] = new int[] {0, arrays[i].length};
        }
        return new CallArguments(arrays, p, same);
    }

    /** @return worker {@code i} gets {@code y[bounds[i] … bounds[i+1])}. Not modified. */
    static CallArguments slices(double[] y, int[] bounds) {
        int workers = bounds.length - 1;
        double[][] a = new double[workers][];
        Arrays.fill(a, y);
        int[][] p = new int[workers][];
        for (int i = 0; i < workers; i++) {
            p[i] = new int[] {bounds[i], bounds[i + 1] - bounds[i]};
        }
        return new CallArguments(a, p, workers == 1);
    }

    /**
     * @param x the array the pieces are taken from. Not modified.
     * @param pieces per worker, pairs {@code (from, length)} into {@code x}; worker {@code i}'s
     *     argument is the concatenation of its pieces, in order. Not modified.
     * @return worker {@code i} gets its pieces of {@code x}; workers with the very same pieces
     *     throughout count as shared
     */
    static CallArguments gathered(double[] x, int[][] pieces) {
        double[][] a = new double[pieces.length][];
        Arrays.fill(a, x);
        boolean same = true;
        int[][] p = new int[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            p[i] = pieces[i].clone();
            same &= Arrays.equals(p[i], p[0]);
        }
        return new CallArguments(a, p, same);
    }

    /** @return the number of workers */
    int count() {
        return arrays.length;
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
        return MessageCodec.encode(encoder, request, arrays[i], pieces[i], lengths[i]);
    }

    /** @return worker {@code i}'s argument as an array of its own: the caller's when it is one whole array, else a copy */
    double[] whole(int i) {
        int[] p = pieces[i];
        if (p.length == 2 && p[0] == 0 && p[1] == arrays[i].length) {
            return arrays[i];
        }
        double[] out = new double[lengths[i]];
        int at = 0;
        for (int k = 0; k < p.length; k += 2) {
            System.arraycopy(arrays[i], p[k], out, at, p[k + 1]);
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
            region.writeAt(at, arrays[i], p[k], p[k + 1]);
            at += p[k + 1];
        }
    }
}
