package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Kryo's {@link Input} with doubles read in bulk, as raw bits, in little-endian order: the
 * counterpart of {@link DoubleArrayOutput}, without {@code sun.misc.Unsafe}.
 */
final class DoubleArrayInput extends Input {

    static {
        KryoWithoutUnsafe.ensure();
    }

    private final DoubleViews views = new DoubleViews();

    /** An input without a buffer yet; see {@link #setBuffer(byte[], int, int)}. */
    DoubleArrayInput() {
        super();
    }

    /** @param bytes what to read, all of it. Not modified. */
    DoubleArrayInput(byte[] bytes) {
        super(bytes);
    }

    /**
     * @param length how many doubles to read
     * @return a fresh array holding them bit for bit
     */
    @Override
    public double[] readDoubles(int length) throws KryoException {
        double[] v = new double[length];
        readDoublesInto(v, 0, length);
        return v;
    }

    /**
     * Reads doubles as {@link #readDoubles(int)} does, into an array the caller holds: through the
     * same little-endian views, so no object is made per call.
     *
     * @param to where they go. Modified: {@code to[offset … offset+length)}.
     * @param offset where the first goes
     * @param length how many doubles to read
     */
    void readDoublesInto(double[] to, int offset, int length) throws KryoException {
        int done = 0;
        while (done < length) {
            // require() refills from a stream when there is one; with an array it checks the bytes are there.
            int k = Math.min(length - done, Math.max(1, Math.min(limit - position, capacity) / 8));
            require(8 * k);
            views.get(buffer, position, to, offset + done, k);
            position += 8 * k;
            done += k;
        }
    }

    /** @return one double from its raw bits */
    @Override
    public double readDouble() throws KryoException {
        return Double.longBitsToDouble(readLong());
    }
}
