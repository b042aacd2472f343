package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
