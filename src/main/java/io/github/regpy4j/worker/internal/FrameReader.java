package io.github.regpy4j.worker.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads {@linkplain FrameFormat frames} from a stream. One reader per stream for its whole life;
 * not thread-safe. The payload buffer is reused from frame to frame and grows only as bytes
 * arrive, so a forged length cannot make it allocate.
 *
 * <p>A large vector can be lifted out of the payload while it arrives ({@link #next(VectorHead,
 * double[], int, int)}): once the message's head has arrived and says where the vector starts and
 * how long it is, its bytes are decoded piece by piece, each piece still in the cache, into the
 * array it belongs in (the caller's, or a fresh one), as the raw baseline's codec does, instead
 * of being gathered into a payload buffer of the vector's size and copied out of it afterwards.
 * The bytes on the wire and the checksum are the same either way. A fresh array is allocated at
 * the vector's declared size only when the frame holds it and it is at most {@link
 * #LIFT_MAX_BYTES}; larger ones take the buffered path, which allocates only as bytes arrive.
 */
public final class FrameReader {

    /** Past this the payload buffer is given back after use instead of being kept for the next frame. */
    private static final int RETAINED_BUFFER_LIMIT = 256 << 20;
    /** The buffer grows at least this much at a time, and only as bytes arrive. */
    private static final int GROWTH_STEP = 1 << 20;

    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[FrameFormat.HEADER_BYTES];
    private final byte[] trailer = new byte[FrameFormat.TRAILER_BYTES];
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[256];
    private int length;
    /** Bytes of the current payload read so far (for the messages of a stream that ends early). */
    private int arrived;
    /** The vector lifted out of the last payload, or {@code null}; it belonged at {@link #liftedAt}. */
    private double[] lifted;
    private int liftedAt;
    /** The piece a lifted vector passes through: one pipe's worth, so it stays in the cache. */
    private byte[] piece;
    /** The doubles of one piece, for a {@link VectorSink}. */
    private double[] run;
    private final DoubleViews views = new DoubleViews();
    /** Header bytes already read by {@link #skipTextBeforeFrame(int)}: the magic it stopped at. */
    private int pendingHeader;

    /** The largest fresh array a lifted vector is given before its bytes arrive. */
    static final long LIFT_MAX_BYTES = 128L << 20;

    /**
     * Finds where a message's inline vector starts, from the first bytes of its payload.
     */
    @FunctionalInterface
    public interface VectorHead {
        /**
         * @param head the first bytes of a payload. Not modified.
         * @param length how many of them arrived
         * @return {@code (start << 32) | count}: the payload offset of the vector's first double and
         *     the number of doubles; or -1 when the message carries none or the head does not show it
         */
        long find(byte[] head, int length);
    }

    /**
     * Takes a lifted vector's doubles in order, a run at a time, instead of an array: for a
     * receiver that adds them into a sum as they arrive.
     */
    @FunctionalInterface
    public interface VectorSink {
        /**
         * @param run the doubles, in {@code run[0 … count)}; valid only during the call. Not modified.
         * @param count how many
         * @param index where the first of them stands in the vector
         */
        void accept(double[] run, int count, int index);
    }

    /**
     * @param in the stream; the reader takes it over
     * @param maxPayload the largest payload accepted, in bytes
     */
    public FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /**
     * Skips text that stands before the first frame: what a JVM option such as {@code
     * -XX:StartFlightRecording} prints to stdout while the JVM starts, or a login shell's greeting
     * on a remote host, both before the worker's first byte. Reads up to the frame's magic and
     * leaves it for {@link #next()}; only for the start of a stream, where nothing but a frame is
     * expected, since inside the protocol stray bytes mean a broken stream and must fail.
     *
     * @param limit the most bytes to skip; past it the bytes are left for {@link #next()} to quote
     * @return the bytes skipped, as text (empty when the stream starts with a frame); all of them
     *     when the stream ends, so that {@link #next()} then reports a clean end
     * @throws IOException if reading fails
     */
    public String skipTextBeforeFrame(int limit) throws IOException {
        int got = readUpTo(header, 0, 4);
        if (got == 4 && magicMatches(4)) {
            pendingHeader = 4;
            return "";
        }
        ByteArrayOutputStream skipped = new ByteArrayOutputStream();
        if (got < 4) {
            skipped.write(header, 0, got);
            return skipped.toString(StandardCharsets.UTF_8);
        }
        while (!magicMatches(4) && skipped.size() < limit) {
            int b = in.read();
            if (b < 0) {
                skipped.write(header, 0, 4);
                return skipped.toString(StandardCharsets.UTF_8);
            }
            skipped.write(header[0]);
            System.arraycopy(header, 1, header, 0, 3);
            header[3] = (byte) b;
        }
        pendingHeader = 4;
        return skipped.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads the next frame.
     *
     * @return {@code true} with the payload in {@link #payload()}, or {@code false} if the stream
     *     ended cleanly before a frame began
     * @throws ProtocolException if the bytes are not a frame (quoted in the message)
     * @throws EOFException if the stream ended inside a frame
     * @throws IOException if reading fails
     */
    public boolean next() throws IOException {
        return next(null, null, 0, 0);
    }

    /**
     * Reads the next frame, lifting a large inline vector out of its payload as it arrives: the
     * payload then holds the message without the vector's bytes ({@link #payloadLength()} is
     * shorter by them), and {@link #lifted()} holds the vector, whose bytes belonged at {@link
     * #liftedAt()}.
     *
     * @param head finds the vector in the payload's first bytes; {@code null} lifts nothing
     * @param into where a vector of {@code expected} doubles goes, or {@code null} for a fresh
     *     array. Modified: {@code into[offset … offset+intoLength)}, also when the frame turns out
     *     corrupt. A vector of another length is not lifted.
     * @param offset where it goes in {@code into}
     * @param intoLength the length of vector {@code into} takes
     * @return as {@link #next()}
     * @throws ProtocolException as {@link #next()}
     * @throws EOFException as {@link #next()}
     * @throws IOException as {@link #next()}
     */
    public boolean next(VectorHead head, double[] into, int offset, int intoLength) throws IOException {
        return next(head, into, offset, intoLength, null);
    }

    /**
     * As {@link #next(VectorHead, double[], int, int)}, with the doubles of a vector lifted into
     * {@code into} handed to {@code sink} run by run instead of being written there: {@code into}
     * then only marks the vector as taken ({@link #lifted()} is {@code into}, and nothing is
     * written to it here).
     *
     * @param head finds the vector in the payload's first bytes; {@code null} lifts nothing
     * @param into marks where a vector of {@code intoLength} doubles goes, or {@code null} for a
     *     fresh array; written only when {@code sink} is {@code null}
     * @param offset where the vector goes in {@code into}
     * @param intoLength the length of vector {@code into} takes
     * @param sink takes the vector's doubles in order; {@code null} writes them into {@code into}
     * @return as {@link #next()}
     * @throws ProtocolException as {@link #next()}
     * @throws EOFException as {@link #next()}
     * @throws IOException as {@link #next()}
     */
    public boolean next(VectorHead head, double[] into, int offset, int intoLength, VectorSink sink) throws IOException {
        lifted = null;
        if (buffer.length > RETAINED_BUFFER_LIMIT) {
            buffer = new byte[256];
        }
        int got = pendingHeader + readUpTo(header, pendingHeader, header.length - pendingHeader);
        pendingHeader = 0;
        if (got == 0) {
            return false;
        }
        if (!magicMatches(got)) {
            throw new ProtocolException("expected a frame but read " + quoteWithWhatFollows(header, got));
        }
        if (got < header.length) {
            throw new EOFException("the stream ended inside a frame header, after " + got + " bytes");
        }
        int declared = intAt(header, 4);
        int check = intAt(header, 8);
        if (check != ~declared) {
            throw new ProtocolException("frame header is corrupt: length " + declared + " does not match its check "
                    + check + "; header bytes " + FrameFormat.quote(header, header.length));
        }
        if (declared < 0 || declared > maxPayload) {
            throw new ProtocolException("frame declares a payload of " + Integer.toUnsignedString(declared)
                    + " bytes, more than the limit of " + maxPayload);
        }
        crc.reset();
        arrived = 0;
        length = readPayload(declared, head, into, offset, intoLength, sink);
        readFully(trailer, "checksum");
        int expected = (int) crc.getValue();
        int actual = intAt(trailer, 0);
        if (expected != actual) {
            throw new ProtocolException("frame checksum mismatch: the payload of " + declared + " bytes has CRC-32C "
                    + Integer.toHexString(expected) + " but the frame says " + Integer.toHexString(actual)
                    + "; payload starts " + FrameFormat.quote(buffer, Math.min(length, 64)));
        }
        return true;
    }

    /** @return the vector lifted out of the last payload, or {@code null} */
    public double[] lifted() {
        return lifted;
    }

    /** @return where in the last payload the lifted vector's doubles began */
    public int liftedAt() {
        return liftedAt;
    }

    /** @return the buffer holding the last payload in {@code [0, payloadLength())}; valid until the next read */
    public byte[] payload() {
        return buffer;
    }

    /** @return the length of the last payload */
    public int payloadLength() {
        return length;
    }

    /** @return the bytes of the payload now in the buffer */
    private int readPayload(int declared, VectorHead head, double[] into, int offset, int expected, VectorSink sink)
            throws IOException {
        if (head == null || declared < 2 * FrameFormat.WRITE_CHUNK) {
            readBytes(0, declared, declared);
            return declared;
        }
        int first = FrameFormat.WRITE_CHUNK;
        readBytes(0, first, declared);
        long found = head.find(buffer, first);
        int start = (int) (found >>> 32);
        int n = (int) found;
        long vectorBytes = 8L * n;
        boolean fits = found >= 0 && n >= 0 && start <= first && vectorBytes >= FrameFormat.WRITE_CHUNK
                && start + vectorBytes <= declared;
        double[] v = null;
        int at = 0;
        if (fits && into != null && n == expected) {
            v = into;
            at = offset;
        } else if (fits && into == null && vectorBytes <= LIFT_MAX_BYTES) {
            v = new double[n];
        }
        if (v == null) {
            readBytes(first, declared, declared);
            return declared;
        }
        liftVector(start, first, v == into ? sink : null, v, at, n, declared);
        int tail = (int) (declared - start - vectorBytes);
        readBytes(start, start + tail, declared);
        lifted = v;
        liftedAt = start;
        return start + tail;
    }

    /**
     * Decodes the vector's doubles: those already in the buffer's {@code [start, first)}, then the
     * rest piece by piece from the stream, each checksummed and converted while in the cache, into
     * {@code v} or, through a run of doubles, to {@code sink}.
     */
    private void liftVector(int start, int first, VectorSink sink, double[] v, int at, int n, int declared)
            throws IOException {
        if (piece == null) {
            piece = new byte[FrameFormat.WRITE_CHUNK];
        }
        if (sink != null && run == null) {
            run = new double[FrameFormat.WRITE_CHUNK / 8];
        }
        int inHead = first - start;
        int done = inHead / 8;
        take(buffer, start, done, sink, v, at, 0);
        int carry = inHead - 8 * done;
        System.arraycopy(buffer, start + 8 * done, piece, 0, carry);
        long left = 8L * n - inHead;
        while (left > 0) {
            int got = in.read(piece, carry, (int) Math.min(piece.length - carry, left));
            if (got < 0) {
                throw new EOFException("the stream ended inside a frame: " + arrived + " of " + declared
                        + " payload bytes arrived");
            }
            crc.update(piece, carry, got);
            arrived += got;
            left -= got;
            int have = carry + got;
            int k = have / 8;
            take(piece, 0, k, sink, v, at, done);
            done += k;
            carry = have - 8 * k;
            System.arraycopy(piece, 8 * k, piece, 0, carry);
        }
    }

    /** Doubles {@code index … index+k} of the vector, at {@code bytes[position]}: into {@code v}, or to the sink. */
    private void take(byte[] bytes, int position, int k, VectorSink sink, double[] v, int at, int index) {
        if (sink == null) {
            views.get(bytes, position, v, at + index, k);
        } else if (k > 0) {
            views.get(bytes, position, run, 0, k);
            sink.accept(run, k, index);
        }
    }

    /** Reads the next {@code to - from} payload bytes into {@code buffer[from, to)}, growing it as they arrive. */
    private void readBytes(int from, int to, int declared) throws IOException {
        int read = from;
        while (read < to) {
            if (buffer.length < to && read == buffer.length) {
                // Grow with what has arrived, never to the declared size in one step.
                int grown = (int) Math.min(to, Math.max(2L * buffer.length, GROWTH_STEP));
                buffer = Arrays.copyOf(buffer, grown);
            }
            // At most a pipe's capacity per read: FileInputStream.read allocates a native buffer of
            // the size asked for, and asking for the whole payload (80 MB for 1e7 doubles) made every
            // 64 KiB that arrived cost a fresh mapping of that size (profiled: page faults and
            // contention on the memory map, 0.35 of a raw pipe's bandwidth).
            int want = Math.min(Math.min(to, buffer.length) - read, FrameFormat.WRITE_CHUNK);
            int n = in.read(buffer, read, want);
            if (n < 0) {
                throw new EOFException("the stream ended inside a frame: " + arrived + " of " + declared
                        + " payload bytes arrived");
            }
            crc.update(buffer, read, n); // while the next piece is on its way
            read += n;
            arrived += n;
        }
    }

    private void readFully(byte[] into, String what) throws IOException {
        int got = readUpTo(into, 0, into.length);
        if (got < into.length) {
            throw new EOFException("the stream ended inside a frame's " + what);
        }
    }

    private int readUpTo(byte[] into, int offset, int count) throws IOException {
        int got = 0;
        while (got < count) {
            int n = in.read(into, offset + got, count - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    private boolean magicMatches(int got) {
        for (int i = 0; i < Math.min(got, 4); i++) {
            if ((header[i] & 0xff) != ((FrameFormat.MAGIC >>> (8 * i)) & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** What was read, plus whatever else is already waiting: stray output is usually a line or more. */
    private String quoteWithWhatFollows(byte[] start, int got) {
        byte[] all = Arrays.copyOf(start, got + 4096);
        int total = got;
        try {
            Thread.sleep(50);
            int available = Math.min(in.available(), all.length - total);
            while (available > 0) {
                int n = in.read(all, total, available);
                if (n <= 0) {
                    break;
                }
                total += n;
                available = Math.min(in.available(), all.length - total);
            }
        } catch (IOException e) {
            // Show what we have.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FrameFormat.quote(all, total);
    }

    static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
