package io.github.regpy4j.worker.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Little-endian {@link DoubleBuffer} views of one byte array, kept from call to call: one view per
 * byte offset modulo 8, so that doubles at any position are copied in bulk with an absolute
 * {@code put}/{@code get} and no object is made per call (making a fresh view for each small
 * vector cost about half the copy of 1000 doubles). Not thread-safe; one per output or input.
 */
final class DoubleViews {

    private byte[] array;
    private final DoubleBuffer[] views = new DoubleBuffer[8];

    /**
     * Copies {@code count} doubles of {@code from} into {@code to} at byte {@code position}.
     *
     * @param to the byte array. Modified.
     * @param from the doubles. Not modified.
     */
    void put(byte[] to, int position, double[] from, int offset, int count) {
        int shift = position & 7;
        view(to, shift).put((position - shift) >> 3, from, offset, count);
    }

    /**
     * Copies {@code count} doubles at byte {@code position} of {@code from} into {@code to}.
     *
     * @param from the byte array. Not modified.
     * @param to where the doubles go. Modified.
     */
    void get(byte[] from, int position, double[] to, int offset, int count) {
        int shift = position & 7;
        view(from, shift).get((position - shift) >> 3, to, offset, count);
    }

    private DoubleBuffer view(byte[] b, int shift) {
        if (b != array) {
            array = b;
            java.util.Arrays.fill(views, null);
        }
        DoubleBuffer v = views[shift];
        if (v == null) {
            v = ByteBuffer.wrap(b, shift, b.length - shift).slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            views[shift] = v;
        }
        return v;
    }
}
