package io.github.regpy4j.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.worker.WireFuzz.End;
import io.github.regpy4j.worker.WireFuzz.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;

/**
 * Random and mutated bytes into {@link FrameReader} and {@link MessageCodec}: every case ends in
 * a valid message, a {@link ProtocolException} or an {@link java.io.EOFException}; none hangs
 * (each case is bounded by {@link WireFuzz#DECODE_LIMIT_MILLIS}); none allocates more than
 * {@link WireFuzz#ALLOCATION_PER_INPUT_BYTE} bytes per input byte plus 1 MiB, so no absurd length
 * read from the wire is believed. Each case is generated from one seed, which every failure names.
 *
 * <p>The quick properties run by default (a few seconds); the {@code long} ones run for minutes.
 */
class WireFuzzPropertiesTest {

    // ---- quick: the default run ----------------------------------------------------------------

    @Property(tries = 300)
    void wellFormedMessagesDecodeToWhatWasEncoded(@ForAll long seed) {
        roundTrip(seed);
    }

    @Property(tries = 40)
    void randomBytesEndInAProtocolErrorOrEndOfFile(@ForAll long seed) {
        randomBytes(seed);
    }

    @Property(tries = 400)
    void mutatedStreamsOfFramesEndInAMessageAProtocolErrorOrEndOfFile(@ForAll long seed) {
        mutatedStream(seed);
    }

    @Property(tries = 1500)
    void mutatedPayloadsInWellFormedFramesAreDecodedOrRefused(@ForAll long seed) {
        mutatedPayload(seed);
    }

    // ---- long: minutes ------------------------------------------------------------------------

    @Property(tries = 3_000)
    @Tag("long")
    void randomBytesForMinutes(@ForAll long seed) {
        randomBytes(seed);
    }

    @Property(tries = 40_000)
    @Tag("long")
    void mutatedStreamsForMinutes(@ForAll long seed) {
        mutatedStream(seed);
    }

    @Property(tries = 500_000)
    @Tag("long")
    void mutatedPayloadsForMinutes(@ForAll long seed) {
        mutatedPayload(seed);
    }

    // ---- the cases ----------------------------------------------------------------------------

    static void roundTrip(long seed) {
        Random rng = new Random(seed);
        List<Object> sent = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 1 + rng.nextInt(3); i > 0; i--) {
            Object m = WireFuzz.randomMessage(rng);
            sent.add(m);
            frames.add(WireFuzz.encode(m));
        }
        Outcome o = check(WireFuzz.concat(frames), seed, "well-formed frames");
        assertThat(o.end()).as("seed %s: %s", seed, o.detail()).isEqualTo(End.MESSAGES);
        assertThat(o.messages().stream().map(WireFuzzPropertiesTest::show).toList()).as("seed %s", seed)
                .isEqualTo(sent.stream().map(WireFuzzPropertiesTest::show).toList());
    }

    static void randomBytes(long seed) {
        Random rng = new Random(seed);
        byte[] b = WireFuzz.randomBytes(rng, rng.nextInt(400));
        if (rng.nextBoolean() && b.length >= 4) {
            // Past the magic, so the length, its check and the payload are fuzzed too.
            System.arraycopy(new byte[] {'r', 'p', '4', 'j'}, 0, b, 0, 4);
        }
        Outcome o = check(b, seed, "random bytes");
        if (b.length > 0 && !startsWithMagic(b)) {
            assertThat(o.end()).as("seed %s: bytes without the magic", seed).isEqualTo(End.PROTOCOL_ERROR);
            assertThat(o.detail()).as("seed %s: the bytes are quoted", seed).contains("expected a frame but read");
        }
    }

    static void mutatedStream(long seed) {
        Random rng = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 1 + rng.nextInt(3); i > 0; i--) {
            frames.add(WireFuzz.encode(WireFuzz.randomMessage(rng)));
        }
        StringBuilder log = new StringBuilder();
        byte[] mutated = WireFuzz.mutate(WireFuzz.concat(frames), rng, 1 + rng.nextInt(4), log);
        check(mutated, seed, "mutated frames (" + log + ")");
    }

    static void mutatedPayload(long seed) {
        Random rng = new Random(seed);
        byte[] payload = WireFuzz.payloadOf(WireFuzz.encode(WireFuzz.randomMessage(rng)));
        StringBuilder log = new StringBuilder();
        byte[] mutated = WireFuzz.mutate(payload, rng, 1 + rng.nextInt(3), log);
        Outcome o = check(WireFuzz.frame(mutated), seed, "a well-formed frame around a mutated payload (" + log + ")");
        assertThat(o.end()).as("seed %s: a well-formed frame never ends in EOF (%s)", seed, log).isNotEqualTo(End.EOF);
    }

    /** Decodes and checks what every case must satisfy; returns the outcome for more. */
    static Outcome check(byte[] bytes, long seed, String what) {
        String context = what + ", seed " + seed + ", " + bytes.length + " bytes";
        Outcome o = WireFuzz.decodeAll(bytes, seed, context);
        long bound = WireFuzz.ALLOCATION_PER_INPUT_BYTE * bytes.length + WireFuzz.ALLOCATION_SLACK;
        assertThat(o.allocatedBytes()).as("bytes allocated decoding %s (%s)", context, o.detail()).isLessThanOrEqualTo(bound);
        if (o.end() == End.PROTOCOL_ERROR) {
            assertThat(o.detail()).as("a protocol error says what it read: %s", context).isNotBlank();
        }
        return o;
    }

    private static boolean startsWithMagic(byte[] b) {
        return b.length >= 4 && b[0] == 'r' && b[1] == 'p' && b[2] == '4' && b[3] == 'j';
    }

    /** A comparable text of a message: records print arrays by identity. */
    static String show(Object m) {
        if (m instanceof Request r) {
            return "Q " + r.command() + " " + r.sequence() + " " + r.timeoutMillis() + " " + r.ping() + " "
                    + r.regions() + " " + r.replyInRegion() + " " + r.shared() + " " + vector(r.vector()) + " "
                    + (r.operatorBytes() == null ? "-" : Arrays.toString(r.operatorBytes()));
        }
        if (m instanceof Reply r) {
            return "R " + r.code() + " " + r.sequence() + " " + r.ping() + " " + r.shared() + " " + vector(r.vector()) + " "
                    + error(r.error());
        }
        return String.valueOf(m);
    }

    private static String vector(double[] v) {
        if (v == null) {
            return "-";
        }
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Double.doubleToRawLongBits(v[i]);
        }
        return Arrays.toString(bits);
    }

    private static String error(RemoteError e) {
        return e == null ? "-" : e.className() + ":" + e.message() + Arrays.toString(e.stackTrace()) + "<" + error(e.cause()) + ">";
    }
}
