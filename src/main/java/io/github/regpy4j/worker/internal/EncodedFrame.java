package io.github.regpy4j.worker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.zip.CRC32C;

/**
 * A frame ready to send: header, payload and checksum. Encoded once, it can be written to any
 * number of streams, from any number of threads at once (writing does not modify it). Valid
 * until its {@link FrameEncoder} encodes the next frame.
 *
 * <p>A frame either holds all its bytes, or (a large vector) its header and the message around
 * the vector, plus the vector itself, whose bytes and checksum are made piece by piece while it is
 * written: the receiver gets the first piece while the next is converted. Both kinds put the same
 * bytes on the wire: the doubles' raw bits in little-endian order (as {@link DoubleArrayOutput}
 * writes them; the order of x86 and aarch64, where the view copies with one {@code memcpy}).
 */
public final class EncodedFrame {

    private final byte[] bytes;
    private final int length;
    /**
     * The array a streamed vector's doubles are taken from, or {@code null}; they belong at {@link
     * #vectorAt}, before {@code bytes[vectorAt, end)}.
     */
    private final double[] vector;
    /** Pairs {@code (from, count)} into {@link #vector}: the streamed vector is their concatenation, in order. */
    private final int[] pieces;
    private final int vectorAt;
    private final int end;

    EncodedFrame(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
        this.vector = null;
        this.pieces = null;
        this.vectorAt = 0;
        this.end = 0;
    }

    /**
     * A frame with a streamed vector: {@code bytes[0, vectorAt)} are the header and the message
     * before the vector, {@code bytes[vectorAt, end)} the message after it; the checksum follows.
     * The vector is the concatenation of {@code source[from … from+count)} for each pair of {@code
     * pieces}, copied from there only as it is written.
     */
    EncodedFrame(byte[] bytes, int vectorAt, double[] source, int[] pieces, long doubles, int end) {
        this.bytes = bytes;
        this.vectorAt = vectorAt;
        this.vector = source;
        this.pieces = pieces;
        this.end = end;
        this.length = Math.toIntExact(end + 8L * doubles + FrameFormat.TRAILER_BYTES);
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
        if (vector == null) {
            writePieces(out, 0, length);
            out.flush();
            return;
        }
        CRC32C crc = new CRC32C();
        writePieces(out, 0, vectorAt);
        crc.update(bytes, FrameFormat.HEADER_BYTES, vectorAt - FrameFormat.HEADER_BYTES);
        byte[] piece = new byte[FrameFormat.WRITE_CHUNK];
        DoubleBuffer doubles = ByteBuffer.wrap(piece).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        // The write pieces run across the vector's own pieces: each is filled up before it is written.
        for (int p = 0; p < pieces.length; p += 2) {
            int from = pieces[p];
            int left = pieces[p + 1];
            while (left > 0) {
                int k = Math.min(left, doubles.remaining());
                doubles.put(vector, from, k);
                from += k;
                left -= k;
                if (!doubles.hasRemaining()) {
                    emit(out, crc, piece, doubles);
                }
            }
        }
        if (doubles.position() > 0) {
            emit(out, crc, piece, doubles);
        }
        writePieces(out, vectorAt, end);
        crc.update(bytes, vectorAt, end - vectorAt);
        byte[] trailer = new byte[FrameFormat.TRAILER_BYTES];
        FrameEncoder.putInt(trailer, 0, (int) crc.getValue());
        out.write(trailer);
        out.flush();
    }

    private static void emit(OutputStream out, CRC32C crc, byte[] piece, DoubleBuffer doubles) throws IOException {
        int n = 8 * doubles.position();
        crc.update(piece, 0, n);
        out.write(piece, 0, n);
        doubles.clear();
    }

    private void writePieces(OutputStream out, int from, int to) throws IOException {
        for (int at = from; at < to; at += FrameFormat.WRITE_CHUNK) {
            out.write(bytes, at, Math.min(FrameFormat.WRITE_CHUNK, to - at));
        }
    }

    /** @return the whole frame as it goes on the wire, in a fresh array */
    public byte[] toByteArray() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(length);
        try {
            writeTo(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return b.toByteArray();
    }
}
