package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large vector is converted to bytes while its frame is written (streamed), not copied into the
 * frame first: the bytes on the wire must be exactly those of the copied frame, for every length
 * around the piece size and with every kind of double.
 */
@Timeout(60)
class FrameStreamingTest {

    private static final long SEED = 20261127L;
    private static final int PIECE = FrameEncoder.STREAM_MIN_DOUBLES;

    private static final int[] LENGTHS = {PIECE - 1, PIECE, PIECE + 1, 2 * PIECE - 1, 2 * PIECE, 2 * PIECE + 1,
        5 * PIECE + 17, 1_000_000};

    @Test
    void aStreamedRequestIsTheCopiedOneByteForByte() throws IOException {
        Random rng = new Random(SEED);
        for (int n : LENGTHS) {
            double[] v = awkwardDoubles(rng, n);
            Request r = Request.vector(Command.EVAL_DIFF, 42, 1000, v);
            byte[] streamed = MessageCodec.encode(new FrameEncoder(), r).toByteArray();
            byte[] copied = MessageCodec.encode(new FrameEncoder(Integer.MAX_VALUE), r).toByteArray();
            assertThat(streamed).as("n = %d, seed %d", n, SEED).isEqualTo(copied);
            Request back = decodeRequest(streamed);
            assertBitExact(back.vector(), v, n);
            assertThat(back.sequence()).isEqualTo(42);
        }
    }

    @Test
    void aVectorGatheredFromPiecesIsTheRequestWithTheJoinedVectorByteForByte() throws IOException {
        // Pieces that start and end across the 8192-double write pieces, empty ones, one piece twice.
        long seed = SEED + 3;
        Random rng = new Random(seed);
        double[] source = awkwardDoubles(rng, 6 * PIECE + 11);
        int[][] piecesCases = {
            {0, source.length},
            {PIECE - 3, 7, 0, 0, 5, 2 * PIECE + 1, 3 * PIECE, PIECE - 1},
            {1, PIECE - 2, 4 * PIECE, 0, 4 * PIECE, 2 * PIECE + 11},
            {17, 40},                                  // small: copied into the frame, not streamed
            {0, PIECE, 0, PIECE},                      // the same piece twice (a component read twice)
        };
        for (int[] pieces : piecesCases) {
            int length = 0;
            for (int p = 1; p < pieces.length; p += 2) {
                length += pieces[p];
            }
            double[] joined = new double[length];
            int at = 0;
            for (int p = 0; p < pieces.length; p += 2) {
                System.arraycopy(source, pieces[p], joined, at, pieces[p + 1]);
                at += pieces[p + 1];
            }
            Request without = Request.vector(Command.DERIV, 9, 500, null);
            byte[] gathered = MessageCodec.encode(new FrameEncoder(), without, source, pieces, length).toByteArray();
            byte[] expected = MessageCodec.encode(new FrameEncoder(Integer.MAX_VALUE),
                    Request.vector(Command.DERIV, 9, 500, joined)).toByteArray();
            assertThat(gathered).as("pieces %s, seed %d", java.util.Arrays.toString(pieces), seed).isEqualTo(expected);
            assertBitExact(decodeRequest(gathered).vector(), joined, length);
        }
    }

    @Test
    void aStreamedReplyWithAnErrorAfterItsVectorIsTheCopiedOne() throws IOException {
        Random rng = new Random(SEED + 1);
        for (int n : LENGTHS) {
            double[] v = awkwardDoubles(rng, n);
            Reply r = Reply.success(7, v);
            byte[] streamed = MessageCodec.encode(new FrameEncoder(), r).toByteArray();
            byte[] copied = MessageCodec.encode(new FrameEncoder(Integer.MAX_VALUE), r).toByteArray();
            assertThat(streamed).as("n = %d, seed %d", n, SEED + 1).isEqualTo(copied);
            FrameReader reader = new FrameReader(new ByteArrayInputStream(streamed), FrameFormat.DEFAULT_MAX_PAYLOAD);
            assertThat(reader.next()).isTrue();
            assertBitExact(new MessageCodec().decodeReply(reader).vector(), v, n);
        }
    }

    @Test
    void oneEncoderAlternatesStreamedAndCopiedFramesAndWritesAFrameTwice() throws IOException {
        FrameEncoder encoder = new FrameEncoder();
        double[] big = awkwardDoubles(new Random(SEED + 2), 3 * PIECE + 5);
        double[] small = {1, -0.0, Double.NaN};
        for (int round = 0; round < 3; round++) {
            EncodedFrame f = MessageCodec.encode(encoder, Request.vector(Command.ADJOINT, round, 0, big));
            byte[] once = f.toByteArray();
            assertThat(f.toByteArray()).as("written twice").isEqualTo(once);
            assertThat(once).hasSize(f.length());
            assertBitExact(decodeRequest(once).vector(), big, big.length);
            assertBitExact(decodeRequest(MessageCodec.encode(encoder, Request.vector(Command.DERIV, round, 0, small))
                    .toByteArray()).vector(), small, small.length);
        }
    }

    private static Request decodeRequest(byte[] frame) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(reader.next()).isTrue();
        return new MessageCodec().decodeRequest(reader);
    }

    /** Random doubles with NaN payloads, signed zeros, subnormals and infinities mixed in. */
    private static double[] awkwardDoubles(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (rng.nextInt(8)) {
                case 0 -> Double.longBitsToDouble(0x7ff0000000000000L | (rng.nextLong() & 0x000fffffffffffffL) | 1L);
                case 1 -> -0.0;
                case 2 -> Double.MIN_VALUE * rng.nextInt(1000);
                case 3 -> rng.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                default -> rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(200) - 100);
            };
        }
        return v;
    }

    private static void assertBitExact(double[] actual, double[] expected, int n) {
        assertThat(actual).hasSize(n);
        for (int i = 0; i < n; i++) {
            if (Double.doubleToRawLongBits(actual[i]) != Double.doubleToRawLongBits(expected[i])) {
                throw new AssertionError("n = " + n + ", seed " + SEED + ": element " + i + " is " + actual[i]
                        + " (bits " + Long.toHexString(Double.doubleToRawLongBits(actual[i])) + "), expected "
                        + expected[i] + " (bits " + Long.toHexString(Double.doubleToRawLongBits(expected[i])) + ")");
            }
        }
    }
}
