package io.github.regpy4j.worker.internal;

import java.nio.charset.StandardCharsets;

/**
 * The frame: how one message travels through a pipe, self-describing so that stray bytes (a JVM
 * crash banner, a user's raw write to file descriptor 1) are reported with their text instead of
 * being misparsed, as Maven Surefire's forked-JVM channel does.
 *
 * <pre>
 *   offset  size  content (little-endian)
 *   0       4     magic  'r' 'p' '4' 'j'
 *   4       4     payload length L, 0 ≤ L ≤ the reader's limit
 *   8       4     ~L, so a length is never taken from bytes that only happen to follow the magic
 *   12      L     payload (a message, see MessageCodec)
 *   12 + L  4     CRC-32C of the payload
 * </pre>
 *
 * <p>A length above the reader's limit is rejected before anything is allocated, and the payload
 * buffer only grows as bytes actually arrive.
 */
public final class FrameFormat {

    /** The magic number as it stands in the stream: {@code 'r' 'p' '4' 'j'}. */
    public static final int MAGIC = 'r' | ('p' << 8) | ('4' << 16) | ('j' << 24);
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 12;
    /** Bytes after the payload. */
    public static final int TRAILER_BYTES = 4;
    /** The default limit on a payload: more than any array of doubles Java can hold. */
    public static final int DEFAULT_MAX_PAYLOAD = Integer.MAX_VALUE - 64;
    /** Frames are written in pieces of this size: pipelined pieces beat one large write on a pipe. */
    public static final int WRITE_CHUNK = 64 * 1024;

    private FrameFormat() {}

    /**
     * Shows bytes that are not a frame: hex of the first ones, and the text they spell.
     *
     * @param bytes what was read. Not modified.
     * @param length how many of them count
     * @return e.g. {@code 48 65 6c 6c 6f ("Hello")}
     */
    public static String quote(byte[] bytes, int length) {
        StringBuilder hex = new StringBuilder();
        int shown = Math.min(length, 32);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format("%02x", bytes[i] & 0xff));
        }
        if (length > shown) {
            hex.append(" …");
        }
        String text = new String(bytes, 0, Math.min(length, 2000), StandardCharsets.UTF_8);
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                printable.append("\\n");
            } else if (c == '\t') {
                printable.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                printable.append('·');
            } else {
                printable.append(c);
            }
        }
        return hex + " (\"" + printable + (length > 2000 ? "…" : "") + "\")";
    }
}
