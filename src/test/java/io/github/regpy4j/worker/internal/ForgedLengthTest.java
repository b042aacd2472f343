package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.internal.WireFuzz.End;
import io.github.regpy4j.worker.internal.WireFuzz.Outcome;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lengths forged on purpose, one place at a time: the frame length, and every length inside a
 * message (vector, operator bytes, string, stack trace). Each is refused or runs out of bytes,
 * without allocating from the forged number.
 */
class ForgedLengthTest {

    /** What decoding a few dozen bytes may allocate at most, whatever they declare. */
    private static final long SMALL = 2L << 20;

    private static byte[] header(int declared, int check) {
        byte[] h = new byte[FrameFormat.HEADER_BYTES];
        int[] words = {FrameFormat.MAGIC, declared, check};
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i < 4; i++) {
                h[4 * w + i] = (byte) (words[w] >>> (8 * i));
            }
        }
        return h;
    }

    @Test
    @Timeout(10)
    void aFrameDeclaringTwoGigabytesIsRefusedBeforeAnythingIsAllocated() {
        for (int declared : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, FrameFormat.DEFAULT_MAX_PAYLOAD + 1}) {
            Outcome o = WireFuzz.decodeAll(header(declared, ~declared), 1, "a header declaring " + declared);
            assertThat(o.end()).as("declared %s", declared).isEqualTo(End.PROTOCOL_ERROR);
            assertThat(o.detail()).contains("more than the limit");
            assertThat(o.allocatedBytes()).as("declared %s", declared).isLessThan(SMALL);
        }
    }

    @Test
    @Timeout(10)
    void aFrameDeclaringAlmostTwoGigabytesFollowedByALittleEndsInEofHavingAllocatedOnlyWhatArrived() {
        int declared = FrameFormat.DEFAULT_MAX_PAYLOAD;
        byte[] bytes = Arrays.copyOf(header(declared, ~declared), FrameFormat.HEADER_BYTES + 300_000);
        Outcome o = WireFuzz.decodeAll(bytes, 2, "a header declaring " + declared + " and 300000 bytes");
        assertThat(o.end()).isEqualTo(End.EOF);
        assertThat(o.detail()).contains("300000 of " + declared);
        assertThat(o.allocatedBytes()).as("for 300 kB that arrived").isLessThan(2 * 300_000 + SMALL);
    }

    @Test
    @Timeout(10)
    void aLengthWithoutItsCheckIsRefused() {
        Outcome o = WireFuzz.decodeAll(header(100, 100), 3, "a header whose check does not match");
        assertThat(o.end()).isEqualTo(End.PROTOCOL_ERROR);
        assertThat(o.detail()).contains("does not match its check");
    }

    /** A reply up to its error's class name, as {@link MessageCodec} writes it. */
    private static byte[] replyFrame(Consumer<Output> errorPart) {
        return WireFuzz.frame(payload(out -> {
            out.writeByte('R');
            out.writeByte(ExitCode.ERROR.ordinal());
            out.writeLong(7);
            out.writeLong(0);
            out.writeInt(-1);
            errorPart.accept(out);
        }));
    }

    private static byte[] payload(Consumer<Output> body) {
        FrameEncoder encoder = new FrameEncoder();
        Output out = encoder.begin();
        body.accept(out);
        EncodedFrame f = encoder.finish();
        return WireFuzz.payloadOf(f.toByteArray());
    }

    @Test
    @Timeout(10)
    void aStringDeclaringABillionCharactersIsRefusedWithoutAllocatingThem() {
        byte[] frame = replyFrame(out -> {
            out.writeByte(1);
            out.writeVarIntFlag(true, 1_000_000_001, true);
            out.writeBytes(new byte[] {'j', 'a', 'v', 'a'});
        });
        Outcome o = WireFuzz.decodeAll(frame, 4, "a reply whose exception class name declares 10⁹ characters");
        assertThat(o.end()).isEqualTo(End.PROTOCOL_ERROR);
        assertThat(o.allocatedBytes()).isLessThan(SMALL);
    }

    @Test
    @Timeout(10)
    void aHelloWhoseJavaVersionDeclaresTenMillionCharactersIsRefusedWithoutAllocatingThem() {
        byte[] frame = WireFuzz.frame(payload(out -> {
            out.writeByte('H');
            out.writeInt(Hello.PROTOCOL_VERSION);
            out.writeLong(42);
            out.writeVarIntFlag(true, 10_000_001, true);
            out.writeBytes(new byte[] {'1', '7'});
        }));
        Outcome o = WireFuzz.decodeAll(frame, 5, "a hello whose Java version declares 10⁷ characters");
        assertThat(o.end()).isEqualTo(End.PROTOCOL_ERROR);
        assertThat(o.allocatedBytes()).isLessThan(SMALL);
    }

    @Test
    @Timeout(10)
    void aNegativeStackTraceLengthIsAProtocolError() {
        byte[] frame = replyFrame(out -> {
            out.writeByte(1);
            out.writeString("java.lang.ArithmeticException");
            out.writeString("/ by zero");
            out.writeInt(-5);
        });
        Outcome o = WireFuzz.decodeAll(frame, 6, "a reply whose stack trace has -5 frames");
        assertThat(o.end()).isEqualTo(End.PROTOCOL_ERROR);
    }

    @Test
    @Timeout(10)
    void aStackTraceLongerThanTheFrameIsAProtocolError() {
        byte[] frame = replyFrame(out -> {
            out.writeByte(1);
            out.writeString("java.lang.ArithmeticException");
            out.writeString("/ by zero");
            out.writeInt(Integer.MAX_VALUE);
        });
        Outcome o = WireFuzz.decodeAll(frame, 7, "a reply whose stack trace has 2³¹-1 frames");
        assertThat(o.end()).isEqualTo(End.PROTOCOL_ERROR);
        assertThat(o.allocatedBytes()).isLessThan(SMALL);
    }

    @Test
    @Timeout(10)
    void vectorAndOperatorByteCountsLongerThanTheFrameAreProtocolErrors() {
        for (int n : new int[] {Integer.MAX_VALUE, 1 << 28, 100}) {
            byte[] vector = WireFuzz.frame(payload(out -> {
                out.writeByte('Q');
                out.writeByte(Command.EVAL_NODIFF.ordinal());
                out.writeLong(1);
                out.writeLong(0);
                out.writeLong(0);
                out.writeBoolean(false);
                out.writeInt(0);
                out.writeInt(n);
                out.writeDouble(1.0);
            }));
            Outcome o = WireFuzz.decodeAll(vector, 8, "a request whose vector declares " + n + " doubles");
            assertThat(o.end()).as("vector of %s", n).isEqualTo(End.PROTOCOL_ERROR);
            assertThat(o.allocatedBytes()).isLessThan(SMALL);
            byte[] operator = WireFuzz.frame(payload(out -> {
                out.writeByte('Q');
                out.writeByte(Command.INIT.ordinal());
                out.writeLong(1);
                out.writeLong(0);
                out.writeLong(0);
                out.writeBoolean(false);
                out.writeInt(0);
                out.writeInt(-1);
                out.writeInt(n);
                out.writeByte(1);
            }));
            o = WireFuzz.decodeAll(operator, 9, "a request whose operator declares " + n + " bytes");
            assertThat(o.end()).as("operator of %s bytes", n).isEqualTo(End.PROTOCOL_ERROR);
            assertThat(o.allocatedBytes()).isLessThan(SMALL);
        }
    }
}
