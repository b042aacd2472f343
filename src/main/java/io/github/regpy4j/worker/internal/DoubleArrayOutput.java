package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo's {@link Output} with doubles copied in bulk, as raw bits, in little-endian order. Kryo's
 * own {@code writeDoubles} converts one double at a time through {@code doubleToLongBits} (a
 * quarter of the speed of a bulk copy, and every NaN becomes the canonical one); its {@code
 * UnsafeOutput} is fast but calls {@code sun.misc.Unsafe}, which JDK 24 and later warn about. A
 * {@link java.nio.DoubleBuffer} view of the byte array ({@link DoubleViews}) copies with one {@code memcpy} on a little-endian
 * machine. Every other value is written by {@code Output} itself, little-endian too, so the bytes
 * equal those of {@code UnsafeOutput} on x86 and aarch64.
 *
 * @see DoubleArrayInput
 */
final class DoubleArrayOutput extends Output {

    /** Doubles per bulk copy: bounds what one {@code require} asks of the buffer. */
    private static final int CHUNK_DOUBLES = 1 << 16;

    static {
        KryoWithoutUnsafe.ensure();
    }

    private final DoubleViews views = new DoubleViews();

    /**
     * @param bufferSize the initial size of the buffer in bytes
     * @param maxBufferSize the largest the buffer may grow to; -1 for no limit
     */
    DoubleArrayOutput(int bufferSize, int maxBufferSize) {
        super(bufferSize, maxBufferSize);
    }

    /**
     * Writes {@code count} doubles from {@code array[offset]} on, bit for bit.
     *
     * @param array the doubles. Not modified.
     */
    @Override
    public void writeDoubles(double[] array, int offset, int count) throws KryoException {
        while (count > 0) {
            int k = Math.min(count, CHUNK_DOUBLES);
            require(8 * k);
            views.put(buffer, position, array, offset, k);
            position += 8 * k;
            offset += k;
            count -= k;
        }
    }

    /** Writes one double as its raw bits (Kryo's {@code writeDouble} makes every NaN the canonical one). */
    @Override
    public void writeDouble(double value) throws KryoException {
        writeLong(Double.doubleToRawLongBits(value));
    }
}
