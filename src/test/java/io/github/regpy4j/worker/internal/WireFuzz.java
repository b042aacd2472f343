package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The moves of the wire fuzzer: random bytes, frames around any payload, seeded mutations (for
 * the stdin fuzz; the properties draw theirs from {@link WireArbitraries}), and a
 * decoder run that classifies how a byte stream ended, bounded in time and measured in allocated
 * bytes.
 */
final class WireFuzz {

    /** How a stream fed to {@link FrameReader} and {@link MessageCodec} ended. */
    enum End {
        /** Every frame decoded to a message, then the stream ended cleanly. */
        MESSAGES,
        /** A frame or message was refused with a {@link ProtocolException}. */
        PROTOCOL_ERROR,
        /** The stream ended inside a frame. */
        EOF
    }

    /** The outcome of one run: how it ended, what it decoded, what it allocated. */
    record Outcome(End end, List<Object> messages, long allocatedBytes, String detail) {}

    /** Bytes a decoder may allocate per byte of input, plus {@link #ALLOCATION_SLACK}: no absurd length is believed. */
    static final long ALLOCATION_PER_INPUT_BYTE = 64;
    static final long ALLOCATION_SLACK = 1 << 20;
    /** Longer than any decoding of a few KiB may take; a run past it is a hang. */
    static final long DECODE_LIMIT_MILLIS = 5000;

    private static final ExecutorService DECODER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wire-fuzz-decoder");
        t.setDaemon(true);
        return t;
    });

    private WireFuzz() {}

    // ---- bytes (messages come from WireArbitraries) -------------------------------------------

    static byte[] randomBytes(Random rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    // ---- frames -------------------------------------------------------------------------------

    static byte[] encode(Object message) {
        FrameEncoder encoder = new FrameEncoder();
        EncodedFrame f;
        if (message instanceof Request r) {
            f = MessageCodec.encode(encoder, r);
        } else if (message instanceof Reply r) {
            f = MessageCodec.encode(encoder, r);
        } else if (message instanceof Hello h) {
            f = MessageCodec.encode(encoder, h);
        } else {
            throw new IllegalArgumentException(String.valueOf(message));
        }
        return f.toByteArray();
    }

    /** @return a well-formed frame (magic, length, check, CRC-32C) around any payload */
    static byte[] frame(byte[] payload) {
        FrameEncoder encoder = new FrameEncoder();
        Output out = encoder.begin();
        out.writeBytes(payload);
        EncodedFrame f = encoder.finish();
        return f.toByteArray();
    }

    /** @return the payload of a well-formed frame */
    static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, FrameFormat.HEADER_BYTES, frame.length - FrameFormat.TRAILER_BYTES);
    }

    // ---- mutations ----------------------------------------------------------------------------

    /**
     * Applies {@code count} random mutations: bit flips, overwritten bytes, extreme ints and
     * forged Kryo string headers written anywhere, insertions, deletions, truncation.
     *
     * @param log receives one short line per mutation, for failure messages
     */
    static byte[] mutate(byte[] in, Random rng, int count, StringBuilder log) {
        byte[] b = in.clone();
        for (int k = 0; k < count && b.length > 0; k++) {
            int at = rng.nextInt(b.length);
            switch (rng.nextInt(7)) {
                case 0 -> {
                    int bit = rng.nextInt(8);
                    b[at] ^= (byte) (1 << bit);
                    log.append("flip ").append(at).append('.').append(bit).append("; ");
                }
                case 1 -> {
                    b[at] = (byte) rng.nextInt(256);
                    log.append("set ").append(at).append("; ");
                }
                case 2 -> {
                    int[] extremes = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0x7fffffc0, 1 << 30, 65536, rng.nextInt()};
                    int v = extremes[rng.nextInt(extremes.length)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (8 * i));
                    }
                    log.append("int ").append(v).append(" at ").append(at).append("; ");
                }
                case 3 -> {
                    // A Kryo UTF-8 string header declaring about a billion characters.
                    byte[] forged = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x07};
                    for (int i = 0; i < forged.length && at + i < b.length; i++) {
                        b[at + i] = forged[i];
                    }
                    log.append("string header at ").append(at).append("; ");
                }
                case 4 -> {
                    byte[] ins = randomBytes(rng, 1 + rng.nextInt(8));
                    byte[] grown = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(ins, 0, grown, at, ins.length);
                    System.arraycopy(b, at, grown, at + ins.length, b.length - at);
                    b = grown;
                    log.append("insert ").append(ins.length).append(" at ").append(at).append("; ");
                }
                case 5 -> {
                    int n = Math.min(1 + rng.nextInt(8), b.length - at);
                    byte[] shrunk = new byte[b.length - n];
                    System.arraycopy(b, 0, shrunk, 0, at);
                    System.arraycopy(b, at + n, shrunk, at, b.length - at - n);
                    b = shrunk;
                    log.append("delete ").append(n).append(" at ").append(at).append("; ");
                }
                default -> {
                    b = Arrays.copyOf(b, at);
                    log.append("truncate at ").append(at).append("; ");
                }
            }
        }
        return b;
    }

    // ---- decoding -----------------------------------------------------------------------------

    /**
     * Feeds {@code bytes} to a {@link FrameReader} (through a stream that hands them over in
     * random pieces, as a pipe does) and decodes each frame by the kind its payload announces,
     * on a decoder thread, bounded by {@link #DECODE_LIMIT_MILLIS}.
     *
     * @throws AssertionError if decoding hangs or ends in anything but a message, a protocol error
     *     or end of file
     */
    static Outcome decodeAll(byte[] bytes, long pieceSeed, String context) {
        Future<Outcome> f = DECODER.submit(() -> decodeOnThisThread(bytes, pieceSeed));
        try {
            return f.get(DECODE_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("decoding hangs (> " + DECODE_LIMIT_MILLIS + " ms) on " + context);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("decoding ended in " + e.getCause() + " instead of a message, a ProtocolException "
                    + "or an EOFException, on " + context, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Outcome decodeOnThisThread(byte[] bytes, long pieceSeed) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        List<Object> messages = new ArrayList<>();
        FrameReader reader = new FrameReader(new Pieces(bytes, new Random(pieceSeed)), FrameFormat.DEFAULT_MAX_PAYLOAD);
        MessageCodec codec = new MessageCodec();
        End end;
        String detail = "";
        try {
            while (reader.next()) {
                byte kind = reader.payloadLength() > 0 ? reader.payload()[0] : 0;
                messages.add(switch (kind) {
                    case 'H' -> codec.decodeHello(reader);
                    case 'R' -> codec.decodeReply(reader);
                    default -> codec.decodeRequest(reader);
                });
            }
            end = End.MESSAGES;
        } catch (ProtocolException e) {
            end = End.PROTOCOL_ERROR;
            detail = e.getMessage();
        } catch (EOFException e) {
            end = End.EOF;
            detail = e.getMessage();
        }
        return new Outcome(end, messages, mx.getCurrentThreadAllocatedBytes() - before, detail);
    }

    /** A stream that returns at most a random number of bytes per read, and little from {@code available()}. */
    static final class Pieces extends InputStream {
        private final ByteArrayInputStream in;
        private final Random rng;

        Pieces(byte[] bytes, Random rng) {
            this.in = new ByteArrayInputStream(bytes);
            this.rng = rng;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            return in.read(b, off, Math.min(len, 1 + rng.nextInt(rng.nextBoolean() ? 7 : 4096)));
        }

        @Override
        public int available() {
            return Math.min(in.available(), rng.nextInt(64));
        }
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
