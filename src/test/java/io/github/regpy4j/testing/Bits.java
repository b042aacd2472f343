package io.github.regpy4j.testing;

import static org.assertj.core.api.Assertions.fail;

/**
 * Bit-for-bit comparison of vectors, for the places where the documentation promises identical
 * results (the parallel operators against the sequential {@code VectorOfOperators}): a tolerance,
 * however small, would let a reordered sum pass. Compares {@link Double#doubleToRawLongBits}, so
 * {@code -0.0} differs from {@code 0.0} and one NaN payload from another.
 */
public final class Bits {

    private Bits() {
    }

    /**
     * Fails unless {@code actual} and {@code expected} have the same length and the same bits in
     * every element; the message names {@code what}, the number of differing elements, and the first
     * one with both values and their bits.
     *
     * @param actual the vector under test. Not modified.
     * @param expected the reference. Not modified.
     * @param what what is compared, with the seed that made the inputs
     */
    public static void assertBitIdentical(double[] actual, double[] expected, String what) {
        if (actual.length != expected.length) {
            fail("%s: length %d, but the reference has length %d", what, actual.length, expected.length);
        }
        int first = -1;
        int count = 0;
        for (int k = 0; k < actual.length; k++) {
            if (Double.doubleToRawLongBits(actual[k]) != Double.doubleToRawLongBits(expected[k])) {
                count++;
                if (first < 0) {
                    first = k;
                }
            }
        }
        if (count > 0) {
            fail("%s: %d of %d elements differ in their bits; the first, element %d, is %s (0x%016x) but the"
                    + " reference is %s (0x%016x)", what, count, actual.length, first, actual[first],
                    Double.doubleToRawLongBits(actual[first]), expected[first],
                    Double.doubleToRawLongBits(expected[first]));
        }
    }
}
