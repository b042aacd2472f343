package io.github.regpy4j.worker;

import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.unsafe.UnsafeOutput;
import java.util.zip.CRC32C;

/**
 * Encodes messages into {@linkplain FrameFormat frames}, reusing one growing buffer. Not
 * thread-safe; one per writer.
 */
public final class FrameEncoder {

    /** Past this the buffer is given back after use instead of being kept for the next frame. */
    private static final int RETAINED_BUFFER_LIMIT = 16 << 20;

    // Unsafe variants: Kryo's default Output encodes doubles at a quarter of the speed (ANCHORS.md).
    private UnsafeOutput output = new UnsafeOutput(4096, -1);
    private final CRC32C crc = new CRC32C();

    /** @return the output to write one payload into, positioned after the header */
    Output begin() {
        if (output.getBuffer().length > RETAINED_BUFFER_LIMIT) {
            output = new UnsafeOutput(4096, -1);
        }
        output.setPosition(FrameFormat.HEADER_BYTES);
        return output;
    }

    /** Closes the payload begun with {@link #begin()}: header and checksum. */
    EncodedFrame finish() {
        int end = output.position();
        int payload = end - FrameFormat.HEADER_BYTES;
        crc.reset();
        crc.update(output.getBuffer(), FrameFormat.HEADER_BYTES, payload);
        int checksum = (int) crc.getValue();
        for (int i = 0; i < FrameFormat.TRAILER_BYTES; i++) {
            output.writeByte(checksum >>> (8 * i));
        }
        byte[] b = output.getBuffer();
        putInt(b, 0, FrameFormat.MAGIC);
        putInt(b, 4, payload);
        putInt(b, 8, ~payload);
        return new EncodedFrame(b, end + FrameFormat.TRAILER_BYTES);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
