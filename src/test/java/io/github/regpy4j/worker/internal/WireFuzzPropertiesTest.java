package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.worker.internal.WireFuzz.End;
import io.github.regpy4j.worker.internal.WireFuzz.Outcome;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Random and mutated bytes into {@link FrameReader} and {@link MessageCodec}: every case ends in
 * a valid message, a {@link ProtocolException} or an {@link java.io.EOFException}; none hangs
 * (each case is bounded by {@link WireFuzz#DECODE_LIMIT_MILLIS}); none allocates more than
 * {@link WireFuzz#ALLOCATION_PER_INPUT_BYTE} bytes per input byte plus 1 MiB, so no absurd length
 * read from the wire is believed. Messages, bytes and mutations come from {@link WireArbitraries},
 * so a failure shrinks to few short messages and the simplest mutation that still breaks decoding;
 * {@code pieces} seeds how the bytes are cut into reads, as a pipe cuts them.
 *
 * <p>The quick properties run by default (a few seconds); the {@code long} ones run for minutes.
 */
class WireFuzzPropertiesTest {

    @Provide
    Arbitrary<List<Object>> messageLists() {
        return WireArbitraries.messages().list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Object> messages() {
        return WireArbitraries.messages();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(399);
    }

    @Provide
    Arbitrary<List<WireArbitraries.Mutation>> upToFourMutations() {
        return WireArbitraries.mutations().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<WireArbitraries.Mutation>> upToThreeMutations() {
        return WireArbitraries.mutations().list().ofMinSize(1).ofMaxSize(3);
    }

    // ---- quick: the default run ----------------------------------------------------------------

    @Property(tries = 300)
    void wellFormedMessagesDecodeToWhatWasEncoded(@ForAll("messageLists") List<Object> sent, @ForAll long pieces) {
        roundTrip(sent, pieces);
    }

    @Property(tries = 40)
    void randomBytesEndInAProtocolErrorOrEndOfFile(@ForAll("randomBytes") byte[] bytes, @ForAll boolean withMagic,
            @ForAll long pieces) {
        randomBytes(bytes, withMagic, pieces);
    }

    /** The edges of the property above, which 40 random tries reach only by chance (a CI run once did). */
    @Example
    void aMagicCutShortEndsTheStreamAndAWrongStartIsAProtocolError() {
        byte[][] edges = {{'r'}, {'r', 'p'}, {'r', 'p', '4'}, {'r', 'x'}, {'r', 'p', 'x'}, {'r', 'p', '4', 'x'}, {'x'}};
        for (byte[] b : edges) {
            for (long pieces : new long[] {0, 1, 42}) {
                randomBytes(b, false, pieces);
            }
        }
        assertThat(WireFuzz.decodeAll(new byte[] {'r', 'p'}, 0, "a magic cut short").end()).isEqualTo(End.EOF);
        assertThat(WireFuzz.decodeAll(new byte[] {'r', 'x'}, 0, "a wrong start").end()).isEqualTo(End.PROTOCOL_ERROR);
    }

    @Property(tries = 400)
    void mutatedStreamsOfFramesEndInAMessageAProtocolErrorOrEndOfFile(@ForAll("messageLists") List<Object> sent,
            @ForAll("upToFourMutations") List<WireArbitraries.Mutation> mutations, @ForAll long pieces) {
        mutatedStream(sent, mutations, pieces);
    }

    @Property(tries = 1500)
    void mutatedPayloadsInWellFormedFramesAreDecodedOrRefused(@ForAll("messages") Object message,
            @ForAll("upToThreeMutations") List<WireArbitraries.Mutation> mutations, @ForAll long pieces) {
        mutatedPayload(message, mutations, pieces);
    }

    // ---- long: minutes ------------------------------------------------------------------------

    @Property(tries = 3_000)
    @Tag("long")
    void randomBytesForMinutes(@ForAll("randomBytes") byte[] bytes, @ForAll boolean withMagic, @ForAll long pieces) {
        randomBytes(bytes, withMagic, pieces);
    }

    @Property(tries = 40_000)
    @Tag("long")
    void mutatedStreamsForMinutes(@ForAll("messageLists") List<Object> sent,
            @ForAll("upToFourMutations") List<WireArbitraries.Mutation> mutations, @ForAll long pieces) {
        mutatedStream(sent, mutations, pieces);
    }

    @Property(tries = 500_000)
    @Tag("long")
    void mutatedPayloadsForMinutes(@ForAll("messages") Object message,
            @ForAll("upToThreeMutations") List<WireArbitraries.Mutation> mutations, @ForAll long pieces) {
        mutatedPayload(message, mutations, pieces);
    }

    // ---- the cases ----------------------------------------------------------------------------

    static void roundTrip(List<Object> sent, long pieces) {
        Outcome o = check(WireArbitraries.framesOf(sent), pieces, "well-formed frames");
        assertThat(o.end()).as("%s: %s", sent.stream().map(WireFuzzPropertiesTest::show).toList(), o.detail())
                .isEqualTo(End.MESSAGES);
        assertThat(o.messages().stream().map(WireFuzzPropertiesTest::show).toList()).as("pieces %s", pieces)
                .isEqualTo(sent.stream().map(WireFuzzPropertiesTest::show).toList());
    }

    static void randomBytes(byte[] bytes, boolean withMagic, long pieces) {
        byte[] b = bytes.clone();
        if (withMagic && b.length >= MAGIC.length) {
            // Past the magic, so the length, its check and the payload are fuzzed too.
            System.arraycopy(MAGIC, 0, b, 0, MAGIC.length);
        }
        Outcome o = check(b, pieces, "random bytes");
        if (b.length > 0 && isTruncatedMagic(b)) {
            // "r", "rp", "rp4": the start of a frame that the stream cut short, not a wrong one.
            assertThat(o.end()).as("a magic cut short, %s, pieces %s", Arrays.toString(b), pieces).isEqualTo(End.EOF);
        } else if (b.length > 0 && !startsWithMagic(b)) {
            assertThat(o.end()).as("bytes without the magic, %s, pieces %s", Arrays.toString(b), pieces)
                    .isEqualTo(End.PROTOCOL_ERROR);
            assertThat(o.detail()).as("the bytes are quoted, pieces %s", pieces).contains("expected a frame but read");
        }
    }

    static void mutatedStream(List<Object> sent, List<WireArbitraries.Mutation> mutations, long pieces) {
        byte[] mutated = WireArbitraries.mutate(WireArbitraries.framesOf(sent), mutations);
        check(mutated, pieces, "mutated frames (" + mutations + ")");
    }

    static void mutatedPayload(Object message, List<WireArbitraries.Mutation> mutations, long pieces) {
        byte[] payload = WireFuzz.payloadOf(WireFuzz.encode(message));
        byte[] mutated = WireArbitraries.mutate(payload, mutations);
        Outcome o = check(WireFuzz.frame(mutated), pieces, "a well-formed frame around a mutated payload (" + mutations + ")");
        assertThat(o.end()).as("a well-formed frame never ends in EOF (%s)", mutations).isNotEqualTo(End.EOF);
    }

    /** Decodes and checks what every case must satisfy; returns the outcome for more. */
    static Outcome check(byte[] bytes, long pieces, String what) {
        String context = what + ", pieces " + pieces + ", " + bytes.length + " bytes";
        Outcome o = WireFuzz.decodeAll(bytes, pieces, context);
        long bound = WireFuzz.ALLOCATION_PER_INPUT_BYTE * bytes.length + WireFuzz.ALLOCATION_SLACK;
        assertThat(o.allocatedBytes()).as("bytes allocated decoding %s (%s)", context, o.detail()).isLessThanOrEqualTo(bound);
        if (o.end() == End.PROTOCOL_ERROR) {
            assertThat(o.detail()).as("a protocol error says what it read: %s", context).isNotBlank();
        }
        return o;
    }

    private static final byte[] MAGIC = {'r', 'p', '4', 'j'};

    private static boolean startsWithMagic(byte[] b) {
        return b.length >= MAGIC.length && Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** @return whether {@code b} is the magic's first one to three bytes and nothing else */
    private static boolean isTruncatedMagic(byte[] b) {
        return b.length < MAGIC.length && Arrays.equals(b, 0, b.length, MAGIC, 0, b.length);
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
