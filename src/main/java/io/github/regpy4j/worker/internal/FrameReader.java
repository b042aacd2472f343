package io.github.regpy4j.worker.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads {@linkplain FrameFormat frames} from a stream. One reader per stream for its whole life;
 * not thread-safe. The payload buffer is reused from frame to frame and grows only as bytes
 * arrive, so a forged length cannot make it allocate.
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

    /**
     * @param in the stream; the reader takes it over
     * @param maxPayload the largest payload accepted, in bytes
     */
    public FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
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
        if (buffer.length > RETAINED_BUFFER_LIMIT) {
            buffer = new byte[256];
        }
        int got = readUpTo(header, 0, header.length);
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
        readPayload(declared);
        readFully(trailer, "checksum");
        int expected = (int) crc.getValue();
        int actual = intAt(trailer, 0);
        if (expected != actual) {
            throw new ProtocolException("frame checksum mismatch: the payload of " + declared + " bytes has CRC-32C "
                    + Integer.toHexString(expected) + " but the frame says " + Integer.toHexString(actual)
                    + "; payload starts " + FrameFormat.quote(buffer, Math.min(declared, 64)));
        }
        length = declared;
        return true;
    }

    /** @return the buffer holding the last payload in {@code [0, payloadLength())}; valid until the next read */
    public byte[] payload() {
        return buffer;
    }

    /** @return the length of the last payload */
    public int payloadLength() {
        return length;
    }

    private void readPayload(int declared) throws IOException {
        int read = 0;
        while (read < declared) {
            if (buffer.length < declared && read == buffer.length) {
                // Grow with what has arrived, never to the declared size in one step.
                int grown = (int) Math.min(declared, Math.max(2L * buffer.length, GROWTH_STEP));
                buffer = Arrays.copyOf(buffer, grown);
            }
            // At most a pipe's capacity per read: FileInputStream.read allocates a native buffer of
            // the size asked for, and asking for the whole payload (80 MB for 1e7 doubles) made every
            // 64 KiB that arrived cost a fresh mapping of that size (profiled: page faults and
            // contention on the memory map, 0.35 of a raw pipe's bandwidth).
            int want = Math.min(Math.min(declared, buffer.length) - read, FrameFormat.WRITE_CHUNK);
            int n = in.read(buffer, read, want);
            if (n < 0) {
                throw new EOFException("the stream ended inside a frame: " + read + " of " + declared
                        + " payload bytes arrived");
            }
            crc.update(buffer, read, n); // while the next piece is on its way
            read += n;
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
