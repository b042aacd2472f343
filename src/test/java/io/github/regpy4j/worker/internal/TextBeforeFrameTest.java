package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Text a JVM prints to stdout before the worker's first frame (JFR's startup note, a remote
 * shell's greeting) is skipped and handed back, and the frame after it is read whole; text past
 * the limit, or bytes that are not a frame, still fail as before.
 */
@Timeout(30)
class TextBeforeFrameTest {

    private static final String JFR_NOTE = "[0.659s][info][jfr,startup] Started recording 1. No limit specified, "
            + "using maxsize=250MB as default.\n[0.659s][info][jfr,startup] \n";

    @Test
    void textBeforeTheFirstFrameIsSkippedAndReturnedAndTheFrameIsReadWhole() throws IOException {
        double[] v = {1.5, -0.0, Double.NaN, 4e-310};
        for (String text : new String[] {JFR_NOTE, "r", "rp4", "rp4x rp4", "hello from .bashrc\n", "äöü ✓\n"}) {
            FrameReader reader = reader(concat(text.getBytes(StandardCharsets.UTF_8), frame(v, 7)));
            assertThat(reader.skipTextBeforeFrame(1 << 16)).as("text %s", text).isEqualTo(text);
            assertThat(reader.next()).isTrue();
            Request r = new MessageCodec().decodeRequest(reader);
            assertThat(r.sequence()).isEqualTo(7);
            assertBitExact(r.vector(), v);
            assertThat(reader.next()).as("the stream ends after the frame").isFalse();
        }
    }

    @Test
    void aStreamThatStartsWithAFrameSkipsNothingAndLaterFramesFollow() throws IOException {
        double[] v = {3, 4};
        FrameReader reader = reader(concat(frame(v, 1), frame(v, 2)));
        assertThat(reader.skipTextBeforeFrame(1 << 16)).isEmpty();
        for (long sequence = 1; sequence <= 2; sequence++) {
            assertThat(reader.next()).isTrue();
            assertThat(new MessageCodec().decodeRequest(reader).sequence()).isEqualTo(sequence);
        }
        assertThat(reader.next()).isFalse();
    }

    @Test
    void textPastTheLimitIsLeftForNextWhichQuotesWhatFollows() throws IOException {
        String text = "x".repeat(100) + "the part after the limit";
        FrameReader reader = reader(concat(text.getBytes(StandardCharsets.UTF_8), frame(new double[] {1}, 1)));
        assertThat(reader.skipTextBeforeFrame(100)).isEqualTo("x".repeat(100));
        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("expected a frame").hasMessageContaining("the part after");
    }

    @Test
    void aStreamThatEndsInTheTextOrIsEmptyEndsCleanlyWithAllItsText() throws IOException {
        FrameReader empty = reader(new byte[0]);
        assertThat(empty.skipTextBeforeFrame(1 << 16)).isEmpty();
        assertThat(empty.next()).isFalse();

        // A greeting and then nothing: the worker never started, which the caller reports from
        // its stderr; the text is all handed back.
        for (String text : new String[] {"Welcome to node1\n", "rp", "r"}) {
            FrameReader onlyText = reader(text.getBytes(StandardCharsets.UTF_8));
            assertThat(onlyText.skipTextBeforeFrame(1 << 16)).isEqualTo(text);
            assertThat(onlyText.next()).isFalse();
        }
    }

    private static FrameReader reader(byte[] bytes) {
        InputStream in = new ByteArrayInputStream(bytes);
        return new FrameReader(in, FrameFormat.DEFAULT_MAX_PAYLOAD);
    }

    private static byte[] frame(double[] v, long sequence) {
        return MessageCodec.encode(new FrameEncoder(), Request.vector(Command.EVAL_NODIFF, sequence, v.length, v))
                .toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void assertBitExact(double[] got, double[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(got[i])).as("entry %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }
}
