package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FrameReader#next(FrameReader.VectorHead, double[], int, int)}: a large vector decoded
 * piece by piece as it arrives is the one the buffered path decodes, bit for bit, whatever pieces
 * the pipe delivers; a frame that ends or is corrupt inside it fails as any other frame does.
 */
@Timeout(30)
class LiftedVectorTest {

    private static final long SEED = 20261206L;
    /** Reads of an odd size, so that doubles straddle the pieces. */
    private static final int DRIBBLE = 7_777;

    @Test
    void aRequestsLargeArgumentIsLiftedBitForBitWithTheFieldsAroundIt() throws Exception {
        for (int n : new int[] {16_400, 100_003, (1 << 17) + 3}) {
            double[] v = vector(n);
            byte[] operator = {1, 2, 3, 4, 5};
            Request sent = new Request(Command.EVAL_NODIFF, 41, 5_000, v, null,
                    List.of(new RegionDeclaration(0, "/dev/shm/regpy4j-1-2-abc"), new RegionDeclaration(2, "/dev/shm/regpy4j-1-3-def")),
                    true, operator, 9);
            byte[] wire = wire(MessageCodec.encode(new FrameEncoder(), sent));
            MessageCodec codec = new MessageCodec();
            FrameReader reader = new FrameReader(new Dribble(wire), FrameFormat.DEFAULT_MAX_PAYLOAD);
            assertThat(reader.next(codec.requestHead(), null, 0, 0)).isTrue();
            assertThat(reader.lifted()).as("n = %d: lifted", n).isNotNull();
            Request got = codec.decodeRequest(reader);
            assertThat(got.vector()).isSameAs(reader.lifted());
            assertSameBits(got.vector(), 0, v, "n = " + n);
            assertThat(got.regions()).isEqualTo(sent.regions());
            assertThat(got.operatorBytes()).containsExactly(operator);
            assertThat(got.sequence()).isEqualTo(41);
            assertThat(got.timeoutMillis()).isEqualTo(5_000);
            assertThat(got.ping()).isEqualTo(9);
            assertThat(got.replyInRegion()).isTrue();
        }
    }

    @Test
    void aReplyOfTheExpectedLengthIsLiftedIntoItsPlaceAndOneOfAnotherLengthIsNot() throws Exception {
        int n = 100_003;
        double[] v = vector(n);
        byte[] wire = wire(MessageCodec.encode(new FrameEncoder(), Reply.success(7, v)));
        MessageCodec codec = new MessageCodec();
        double[] joined = new double[n + 10];
        FrameReader reader = new FrameReader(new Dribble(wire), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(reader.next(codec.replyHead(), joined, 4, n)).isTrue();
        Reply r = codec.decodeReplyInto(reader, joined, 4, n);
        assertThat(r.vector()).isSameAs(joined);
        assertSameBits(joined, 4, v, "reply into its place");
        assertThat(joined[3]).isZero();
        assertThat(joined[4 + n]).isZero();

        double[] other = new double[n + 10];
        reader = new FrameReader(new Dribble(wire), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(reader.next(codec.replyHead(), other, 0, n - 1)).isTrue();
        assertThat(reader.lifted()).as("a reply of another length").isNull();
        Reply wrong = codec.decodeReplyInto(reader, other, 0, n - 1);
        assertThat(wrong.vector()).isNotSameAs(other).hasSize(n);
        assertThat(other).containsOnly(0.0);
    }

    @Test
    void aSinkGetsTheReplysDoublesInOrderAndTheArrayThatMarksItIsNotWritten() throws Exception {
        int n = 100_003;
        double[] v = vector(n);
        byte[] wire = wire(MessageCodec.encode(new FrameEncoder(), Reply.success(7, v)));
        MessageCodec codec = new MessageCodec();
        double[] marker = new double[n];
        Arrays.fill(marker, Double.NaN);
        double[] received = new double[n];
        int[] next = {0};
        FrameReader reader = new FrameReader(new Dribble(wire), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(reader.next(codec.replyHead(), marker, 0, n, (run, count, index) -> {
            assertThat(index).as("runs arrive in order, without gaps").isEqualTo(next[0]);
            System.arraycopy(run, 0, received, index, count);
            next[0] += count;
        })).isTrue();
        assertThat(next[0]).isEqualTo(n);
        assertThat(reader.lifted()).isSameAs(marker);
        Reply r = codec.decodeReplyInto(reader, marker, 0, n);
        assertThat(r.vector()).isSameAs(marker);
        assertSameBits(received, 0, v, "through a sink");
        assertThat(Arrays.stream(marker).allMatch(Double::isNaN)).as("the marking array is left alone").isTrue();
    }

    @Test
    void aFrameEndingInsideALiftedVectorIsAnEofAndACorruptOneAChecksumMismatch() throws Exception {
        int n = 100_003;
        byte[] wire = wire(MessageCodec.encode(new FrameEncoder(), Reply.success(7, vector(n))));
        MessageCodec codec = new MessageCodec();
        byte[] cut = Arrays.copyOf(wire, 300_000);
        FrameReader reader = new FrameReader(new Dribble(cut), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThatThrownBy(() -> reader.next(codec.replyHead(), null, 0, 0)).isInstanceOf(EOFException.class)
                .hasMessageContaining((300_000 - FrameFormat.HEADER_BYTES) + " of ");
        byte[] corrupt = wire.clone();
        corrupt[200_000] ^= 1;
        FrameReader corrupted = new FrameReader(new Dribble(corrupt), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThatThrownBy(() -> corrupted.next(codec.replyHead(), null, 0, 0)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("checksum mismatch");
    }

    private static double[] vector(int n) {
        double[] v = new Random(SEED + n).doubles(n, -1, 1).toArray();
        v[0] = Double.longBitsToDouble(0xfff8dead0000beefL);
        v[n / 2] = -0.0;
        v[n - 1] = Double.MIN_VALUE;
        return v;
    }

    private static void assertSameBits(double[] actual, int offset, double[] expected, String what) {
        for (int k = 0; k < expected.length; k++) {
            if (Double.doubleToRawLongBits(actual[offset + k]) != Double.doubleToRawLongBits(expected[k])) {
                throw new AssertionError(what + ": entry " + k + " differs (seed " + (SEED + expected.length) + ")");
            }
        }
    }

    private static byte[] wire(EncodedFrame f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        f.writeTo(b);
        return b.toByteArray();
    }

    /** Hands out at most {@link #DRIBBLE} bytes per read, as a pipe may. */
    private static final class Dribble extends InputStream {
        private final ByteArrayInputStream in;

        Dribble(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, DRIBBLE));
        }
    }
}
