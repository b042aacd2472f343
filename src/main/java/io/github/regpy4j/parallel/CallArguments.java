package io.github.regpy4j.parallel;

import java.util.Arrays;

/**
 * What each worker of a group gets in one call: the same array for all (encoded once), one array
 * each, or consecutive slices of one array (the parts of a direct-sum element), which go to
 * shared memory straight from the array instead of through a split copy first.
 */
final class CallArguments {

    private final double[][] arrays;
    /** For slices: worker {@code i}'s part is {@code [bounds[i], bounds[i+1])} of {@code arrays[0]}; else {@code null}. */
    private final int[] bounds;
    private final boolean same;

    private CallArguments(double[][] arrays, int[] bounds, boolean same) {
        this.arrays = arrays;
        this.bounds = bounds;
        this.same = same;
    }

    /** @return every one of {@code workers} workers gets {@code x}. Not modified. */
    static CallArguments same(double[] x, int workers) {
        double[][] a = new double[workers][];
        Arrays.fill(a, x);
        return new CallArguments(a, null, true);
    }

    /** @return worker {@code i} gets {@code arrays[i]}; the same array in every slot counts as shared. Not modified. */
    static CallArguments each(double[][] arrays) {
        boolean same = true;
        for (double[] a : arrays) {
            same &= a == arrays[0];
        }
        return new CallArguments(arrays, null, same);
    }

    /** @return worker {@code i} gets {@code y[bounds[i] … bounds[i+1])}. Not modified. */
    static CallArguments slices(double[] y, int[] bounds) {
        double[][] a = new double[bounds.length - 1][];
        Arrays.fill(a, y);
        return new CallArguments(a, bounds, bounds.length == 2);
    }

    /** @return the number of workers */
    int count() {
        return arrays.length;
    }

    /** @return whether every worker gets the very same vector */
    boolean shared() {
        return same;
    }

    /** @return the array worker {@code i}'s argument is in */
    double[] array(int i) {
        return arrays[i];
    }

    /** @return where worker {@code i}'s argument starts in {@link #array(int)} */
    int offset(int i) {
        return bounds == null ? 0 : bounds[i];
    }

    /** @return the length of worker {@code i}'s argument */
    int length(int i) {
        return bounds == null ? arrays[i].length : bounds[i + 1] - bounds[i];
    }

    /** @return worker {@code i}'s argument as an array of its own: itself when whole, else a copy (the pipe needs one) */
    double[] whole(int i) {
        int length = length(i);
        return offset(i) == 0 && length == arrays[i].length ? arrays[i]
                : Arrays.copyOfRange(arrays[i], offset(i), offset(i) + length);
    }
}
