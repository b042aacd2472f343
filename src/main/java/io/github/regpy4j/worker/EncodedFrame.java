package io.github.regpy4j.worker;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A frame ready to send: header, payload and checksum in one array. Encoded once, it can be
 * written to any number of streams, from any number of threads at once (writing does not modify
 * it). Valid until its {@link FrameEncoder} encodes the next frame.
 */
public final class EncodedFrame {

    private final byte[] bytes;
    private final int length;

    EncodedFrame(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** @return the length of the whole frame in bytes */
    public int length() {
        return length;
    }

    /**
     * Writes the frame in {@link FrameFormat#WRITE_CHUNK} pieces and flushes.
     *
     * @param out the stream. Modified.
     * @throws IOException if writing fails (typically: the other end is gone)
     */
    public void writeTo(OutputStream out) throws IOException {
        for (int at = 0; at < length; at += FrameFormat.WRITE_CHUNK) {
            out.write(bytes, at, Math.min(FrameFormat.WRITE_CHUNK, length - at));
        }
        out.flush();
    }

    byte[] bytes() {
        return bytes;
    }
}
