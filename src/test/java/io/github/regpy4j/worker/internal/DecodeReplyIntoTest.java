package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MessageCodec#decodeReplyInto}: the parent's forward path decodes an inline result
 * straight into its place in the joined result, bit for bit, small and streamed alike.
 */
@Timeout(20)
class DecodeReplyIntoTest {

    private static final long SEED = 20261206L;

    @Test
    void aVectorOfTheExpectedLengthLandsInItsPlaceBitForBit() throws Exception {
        for (int n : new int[] {1, 8, 100_003}) {
            double[] v = new Random(SEED + n).doubles(n).toArray();
            v[0] = Double.longBitsToDouble(0xfff8dead0000beefL);
            double[] joined = new double[n + 10];
            Reply r = new MessageCodec().decodeReplyInto(frameOf(Reply.success(7, v)), joined, 4, n);
            assertThat(r.vector()).as("n = %d: the reply carries the target itself", n).isSameAs(joined);
            assertThat(r.sequence()).isEqualTo(7);
            for (int k = 0; k < n; k++) {
                assertThat(Double.doubleToRawLongBits(joined[4 + k])).as("entry %d of %d (seed %d)", k, n, SEED + n)
                        .isEqualTo(Double.doubleToRawLongBits(v[k]));
            }
            assertThat(joined[3]).as("before its place: untouched").isZero();
            assertThat(joined[4 + n]).as("after its place: untouched").isZero();
        }
    }

    /**
     * The wire carries doubles little-endian whatever the machine (a remote worker may run on
     * another architecture), and a vector decoded into its place is read in that order, as a fresh
     * one is. Until session 15 that path read the machine's own order: the same on x86 and ARM,
     * byte-swapped on a big-endian parent, which this machine cannot show.
     */
    @Test
    void theVectorTravelsLittleEndianAndIsDecodedIntoItsPlaceInThatOrder() throws Exception {
        long bits = 0x0102030405060708L;
        double[] v = {Double.longBitsToDouble(bits)};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageCodec.encode(new FrameEncoder(), Reply.success(5, v)).writeTo(bytes);
        byte[] frame = bytes.toByteArray();
        byte[] little = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array();
        byte[] big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(bits).array();
        assertThat(indexOf(frame, little)).as("the vector's bytes, little-endian, in the frame").isNotNegative();
        assertThat(indexOf(frame, big)).as("the vector's bytes, big-endian, in the frame").isNegative();
        double[] joined = new double[3];
        new MessageCodec().decodeReplyInto(frameOf(Reply.success(5, v)), joined, 1, 1);
        assertThat(Double.doubleToRawLongBits(joined[1])).as("decoded into its place").isEqualTo(bits);
        assertThat(Double.doubleToRawLongBits(new MessageCodec().decodeReply(frameOf(Reply.success(5, v))).vector()[0]))
                .as("decoded into a fresh array").isEqualTo(bits);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aVectorOfAnotherLengthIsDecodedAsUsualForTheCallerToReport() throws Exception {
        double[] v = {1, 2, 3};
        double[] joined = new double[10];
        Reply r = new MessageCodec().decodeReplyInto(frameOf(Reply.success(3, v)), joined, 0, 5);
        assertThat(r.vector()).isNotSameAs(joined).containsExactly(1, 2, 3);
        assertThat(joined).containsOnly(0.0);
    }

    private static FrameReader frameOf(Reply reply) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageCodec.encode(new FrameEncoder(), reply).writeTo(bytes);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(reader.next()).isTrue();
        return reader;
    }
}
