package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.io.Output;
import java.util.zip.CRC32C;

/**
 * Encodes messages into {@linkplain FrameFormat frames}, reusing one growing buffer. Not
 * thread-safe; one per writer.
 *
 * <p>A large vector is not copied into the buffer: the frame keeps it and converts it to bytes
 * piece by piece as it is written ({@link EncodedFrame#writeTo}), so that the receiver reads the
 * first piece while the sender converts the next. Encoding a whole 80 MB frame before writing its
 * first byte kept a 1e7-double round trip at 0.35–0.45 of a raw pipe's bandwidth. The bytes on the
 * wire are the same either way.
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
    /** Vectors from this many doubles on (one write piece) are streamed rather than copied in. */
    static final int STREAM_MIN_DOUBLES = FrameFormat.WRITE_CHUNK / 8;

    static {
        KryoWithoutUnsafe.ensure();
    }

    // Not Kryo's default Output: it encodes doubles at a quarter of the speed (ANCHORS.md), and not
    // its UnsafeOutput, which JDK 24+ warns about: bulk copies through a DoubleBuffer view.
    private DoubleArrayOutput output = new DoubleArrayOutput(4096, -1);
    private final CRC32C crc = new CRC32C();
    private final int streamMinDoubles;
    /** The array of the vector of the frame being encoded that is left to {@link EncodedFrame#writeTo}, if any. */
    private double[] streamed;
    /** Its pieces: pairs {@code (from, count)} into {@link #streamed}. */
    private int[] streamedPieces;
    private long streamedLength;
    private int streamedAt;

    /** An encoder that streams vectors of {@link #STREAM_MIN_DOUBLES} doubles and more. */
    public FrameEncoder() {
        this(STREAM_MIN_DOUBLES);
    }

    /** @param streamMinDoubles the smallest vector streamed; {@link Integer#MAX_VALUE} for none (tests) */
    FrameEncoder(int streamMinDoubles) {
        this.streamMinDoubles = streamMinDoubles;
    }

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
        streamed = null;
        long inline = vectorLength >= streamMinDoubles ? 0 : 8L * vectorLength;
        long needed = FrameFormat.HEADER_BYTES + inline + MESSAGE_SLACK;
        if (output.getBuffer().length > RETAINED_BUFFER_LIMIT && needed <= RETAINED_BUFFER_LIMIT) {
            output = new DoubleArrayOutput(4096, -1);
        }
        if (output.getBuffer().length < needed && needed < Integer.MAX_VALUE - 8) {
            output = new DoubleArrayOutput((int) needed, -1);
        }
        output.setPosition(FrameFormat.HEADER_BYTES);
        return output;
    }

    /**
     * Puts the doubles of {@code v} at the current position of the payload: copied in, or, when
     * large, left to the frame to convert as it is written. At most one vector per frame.
     *
     * @param v the vector; a streamed one must not change until the frame is written. Not modified.
     */
    void writeDoubles(double[] v) {
        writeDoubles(v, new int[] {0, v.length}, v.length);
    }

    /**
     * As {@link #writeDoubles(double[])} for the vector that is the concatenation of {@code
     * source[from … from+count)} for each pair of {@code pieces}: taken from {@code source} piece by
     * piece, with no array of its own.
     *
     * @param source the array the pieces are in; it must not change until the frame is written. Not modified.
     * @param pieces pairs {@code (from, count)}. Not modified (kept until the frame is written).
     * @param length the sum of the counts
     */
    void writeDoubles(double[] source, int[] pieces, int length) {
        if (length >= streamMinDoubles && streamed == null) {
            streamed = source;
            streamedPieces = pieces;
            streamedLength = length;
            streamedAt = output.position();
        } else {
            for (int p = 0; p < pieces.length; p += 2) {
                output.writeDoubles(source, pieces[p], pieces[p + 1]);
            }
        }
    }

    /** Closes the payload begun with {@link #begin()}: header and checksum. */
    EncodedFrame finish() {
        int end = output.position();
        long payload = end - FrameFormat.HEADER_BYTES + (streamed == null ? 0 : 8L * streamedLength);
        if (payload > FrameFormat.DEFAULT_MAX_PAYLOAD) {
            streamed = null;
            throw new IllegalArgumentException("a message of " + payload + " bytes does not fit a frame (at most "
                    + FrameFormat.DEFAULT_MAX_PAYLOAD + ")");
        }
        byte[] b;
        if (streamed != null) {
            b = output.getBuffer();
            putHeader(b, (int) payload);
            EncodedFrame f = new EncodedFrame(b, streamedAt, streamed, streamedPieces, streamedLength, end);
            streamed = null;
            return f;
        }
        crc.reset();
        crc.update(output.getBuffer(), FrameFormat.HEADER_BYTES, (int) payload);
        int checksum = (int) crc.getValue();
        for (int i = 0; i < FrameFormat.TRAILER_BYTES; i++) {
            output.writeByte(checksum >>> (8 * i));
        }
        b = output.getBuffer();
        putHeader(b, (int) payload);
        return new EncodedFrame(b, end + FrameFormat.TRAILER_BYTES);
    }

    private static void putHeader(byte[] b, int payload) {
        putInt(b, 0, FrameFormat.MAGIC);
        putInt(b, 4, payload);
        putInt(b, 8, ~payload);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
