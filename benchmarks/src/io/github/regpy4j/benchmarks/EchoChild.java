package io.github.regpy4j.benchmarks;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * The baseline child: the least a child JVM can do to serve a parent over its pipes. Started the
 * way the runtime starts a worker (same {@code java}, same default flags), it answers, until end
 * of stdin or a negative count:
 *
 * <pre>
 *   request = count:long tag:long  (16 bytes, little-endian)  then count doubles
 *   count = 0  → the 16 bytes come back unchanged: a raw round trip of a 16-byte frame
 *   count > 0  → the doubles are read into a fresh double[], then sent back the same way
 *   count < 0  → exit
 * </pre>
 *
 * <p>Doubles travel in native order in {@value #PIECE}-byte pieces, each encoded with one bulk
 * copy and written as soon as it is full (pipelined): the best pipe codec of ANCHORS.md.
 */
public final class EchoChild {

    /** Bytes per piece on the pipe. */
    static final int PIECE = 64 * 1024;
    static final int HEADER = 16;

    private EchoChild() {}

    /** @param args ignored */
    public static void main(String[] args) throws IOException {
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        Codec codec = new Codec();
        byte[] header = new byte[HEADER];
        while (true) {
            if (!readFully(in, header, HEADER)) {
                return;
            }
            long count = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (count < 0) {
                return;
            }
            if (count == 0) {
                out.write(header, 0, HEADER);
                continue;
            }
            double[] v = codec.readDoubles(in, (int) count);
            out.write(header, 0, HEADER);
            codec.writeDoubles(out, v);
        }
    }

    static boolean readFully(InputStream in, byte[] b, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(b, got, len - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new IOException("stream ended after " + got + " of " + len + " bytes");
            }
            got += n;
        }
        return true;
    }

    /** Pipelined piece-wise codec for doubles; one per stream and thread. */
    static final class Codec {
        private final byte[] piece = new byte[PIECE];
        private final DoubleBuffer view = ByteBuffer.wrap(piece).order(ByteOrder.nativeOrder()).asDoubleBuffer();

        void writeDoubles(OutputStream out, double[] v) throws IOException {
            int perPiece = PIECE / 8;
            for (int at = 0; at < v.length; at += perPiece) {
                int count = Math.min(perPiece, v.length - at);
                view.clear();
                view.put(v, at, count);
                out.write(piece, 0, 8 * count);
            }
            out.flush();
        }

        double[] readDoubles(InputStream in, int count) throws IOException {
            double[] v = new double[count];
            int perPiece = PIECE / 8;
            for (int at = 0; at < count; at += perPiece) {
                int n = Math.min(perPiece, count - at);
                if (!readFully(in, piece, 8 * n)) {
                    throw new IOException("stream ended inside a vector");
                }
                view.clear();
                view.get(v, at, n);
            }
            return v;
        }
    }
}
