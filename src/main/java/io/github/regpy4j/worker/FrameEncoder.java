package io.github.regpy4j.worker;

import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.unsafe.UnsafeOutput;
import java.util.zip.CRC32C;

/**
 * Encodes messages into {@linkplain FrameFormat frames}, reusing one growing buffer. Not
 * thread-safe; one per writer.
 */
public final class FrameEncoder {

    /**
     * Past this the buffer is given back after use instead of being kept for the next frame. Large
     * enough that the frames of a run of equal large calls reuse one buffer (growing a buffer of
     * 80 MB by doubling on every call was measured to cost more than the pipe).
     */
    private static final int RETAINED_BUFFER_LIMIT = 256 << 20;
    /** Room for everything in a message but its vector. */
    private static final int MESSAGE_SLACK = 4096;

    // Unsafe variants: Kryo's default Output encodes doubles at a quarter of the speed (ANCHORS.md).
    private UnsafeOutput output = new UnsafeOutput(4096, -1);
    private final CRC32C crc = new CRC32C();

    /** @return the output to write one payload into, positioned after the header */
    Output begin() {
        return begin(0);
    }

    /**
     * @param vectorLength the length of the vector the message carries (0 for none): the buffer
     *     is made large enough at once instead of doubling its way there
     * @return the output to write one payload into, positioned after the header
     */
    Output begin(int vectorLength) {
        long needed = FrameFormat.HEADER_BYTES + 8L * vectorLength + MESSAGE_SLACK;
        if (output.getBuffer().length > RETAINED_BUFFER_LIMIT && needed <= RETAINED_BUFFER_LIMIT) {
            output = new UnsafeOutput(4096, -1);
        }
        if (output.getBuffer().length < needed && needed < Integer.MAX_VALUE - 8) {
            output = new UnsafeOutput((int) needed, -1);
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
