package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.ExitCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik {@link Arbitrary}s of wire messages and of mutations of their bytes, with the same
 * distribution as {@link WireFuzz}'s seeded generators: a failing fuzz case shrinks to few, short
 * messages and the first, simplest mutation that still breaks the decoder.
 */
final class WireArbitraries {

    private WireArbitraries() {}

    // ---- messages -----------------------------------------------------------------------------

    static Arbitrary<Object> messages() {
        return Arbitraries.oneOf(requests().map(r -> (Object) r), replies().map(r -> (Object) r),
                hellos().map(h -> (Object) h));
    }

    /** A vector command's argument or result: inline, through shared memory, or none. */
    private record Payload(double[] vector, SharedVector shared) {}

    private static Arbitrary<Payload> payloads() {
        // One in six through shared memory; else one in four without a vector.
        Arbitrary<Payload> shared = sharedVectors().map(s -> new Payload(null, s));
        Arbitrary<Payload> inline = vectors().injectNull(0.25).map(v -> new Payload(v, null));
        return Arbitraries.frequencyOf(Tuple.of(1, shared), Tuple.of(5, inline));
    }

    static Arbitrary<Request> requests() {
        Arbitrary<Long> timeouts = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(0, 99_999)));
        Arbitrary<RegionDeclaration> region = Combinators.combine(slots(), strings())
                .as((slot, name) -> new RegionDeclaration(slot, "/dev/shm/regpy4j-" + name));
        Arbitrary<List<RegionDeclaration>> regions = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(List.<RegionDeclaration>of())),
                Tuple.of(1, region.list().ofMaxSize(SharedVector.SLOTS)));
        Arbitrary<byte[]> operatorBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(63).injectNull(0.75);
        return Combinators.combine(Arbitraries.of(Command.class), Arbitraries.longs(), timeouts, payloads(), regions,
                Arbitraries.of(false, true), operatorBytes, Arbitraries.longs())
                .as((command, sequence, timeout, payload, declared, replyInRegion, bytes, ping) -> new Request(command,
                        sequence, timeout, payload.vector(), payload.shared(), List.copyOf(declared), replyInRegion,
                        bytes, ping));
    }

    static Arbitrary<Reply> replies() {
        return Combinators.combine(Arbitraries.of(ExitCode.class), Arbitraries.longs(), payloads(), errors(0),
                Arbitraries.longs())
                .as((code, sequence, payload, error, ping) -> new Reply(code, sequence, payload.vector(),
                        payload.shared(), code == ExitCode.SUCCESS ? null : error, ping));
    }

    static Arbitrary<Hello> hellos() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs(), strings(), strings()).as(Hello::new);
    }

    private static Arbitrary<Integer> slots() {
        return Arbitraries.integers().between(0, SharedVector.SLOTS - 1);
    }

    private static Arbitrary<SharedVector> sharedVectors() {
        return Combinators.combine(slots(), Arbitraries.integers().between(0, (1 << 20) - 1)).as(SharedVector::new);
    }

    /** Mostly short vectors, sometimes long ones; one entry in five any bit pattern (NaN payloads too). */
    private static Arbitrary<double[]> vectors() {
        Arbitrary<Double> entries = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.doubles()),
                Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble)));
        return Arbitraries.frequencyOf(Tuple.of(7, entries.array(double[].class).ofMaxSize(11)),
                Tuple.of(1, entries.array(double[].class).ofMaxSize(1999)));
    }

    /** A remote exception with up to four frames and up to three nested causes. */
    private static Arbitrary<RemoteError> errors(int depth) {
        Arbitrary<StackTraceElement> frame = Combinators.combine(strings(), Arbitraries.of(false, true),
                Arbitraries.integers().between(-2, 497))
                .as((cls, withFile, line) -> new StackTraceElement(cls + ".C", "m", withFile ? "F.java" : null, line));
        Arbitrary<StackTraceElement[]> frames = frame.list().ofMaxSize(4).map(l -> l.toArray(new StackTraceElement[0]));
        Arbitrary<RemoteError> cause = depth < 3
                ? errors(depth + 1).injectNull(2.0 / 3)
                : Arbitraries.just(0).map(unused -> (RemoteError) null);
        return Combinators.combine(strings(), strings().injectNull(0.2), frames, cause)
                .as((name, message, st, c) -> new RemoteError("java.lang." + name + "Exception", message, st, c));
    }

    /** Up to 19 characters, mostly a–z, some from U+0080 to U+307F. */
    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('\u0080', '\u307f').ofMaxLength(19);
    }

    // ---- mutations ----------------------------------------------------------------------------

    /** The kinds of {@link Mutation}, in the order shrinking prefers (a bit flip is simplest). */
    enum Kind { FLIP, SET, EXTREME_INT, STRING_HEADER, INSERT, DELETE, TRUNCATE }

    private static final int[] EXTREMES = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0x7fffffc0, 1 << 30, 65536};

    /**
     * One change of a byte array, at {@code position} modulo its length: bit flips, overwritten
     * bytes, extreme ints and forged Kryo string headers, insertions, deletions, truncation (as
     * {@link WireFuzz#mutate}). {@code param} picks the bit, byte, int or count.
     */
    record Mutation(Kind kind, int position, int param, byte[] inserted) {

        byte[] applyTo(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            int at = position % b.length;
            switch (kind) {
                case FLIP -> b[at] ^= (byte) (1 << Math.floorMod(param, 8));
                case SET -> b[at] = (byte) param;
                case EXTREME_INT -> {
                    int i = Math.floorMod(param, EXTREMES.length + 1);
                    int v = i < EXTREMES.length ? EXTREMES[i] : param;
                    for (int k = 0; k < 4 && at + k < b.length; k++) {
                        b[at + k] = (byte) (v >>> (8 * k));
                    }
                }
                case STRING_HEADER -> {
                    // A Kryo UTF-8 string header declaring about a billion characters.
                    byte[] forged = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x07};
                    for (int k = 0; k < forged.length && at + k < b.length; k++) {
                        b[at + k] = forged[k];
                    }
                }
                case INSERT -> {
                    byte[] grown = new byte[b.length + inserted.length];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(inserted, 0, grown, at, inserted.length);
                    System.arraycopy(b, at, grown, at + inserted.length, b.length - at);
                    return grown;
                }
                case DELETE -> {
                    int n = Math.min(1 + Math.floorMod(param, 8), b.length - at);
                    byte[] shrunk = new byte[b.length - n];
                    System.arraycopy(b, 0, shrunk, 0, at);
                    System.arraycopy(b, at + n, shrunk, at, b.length - at - n);
                    return shrunk;
                }
                case TRUNCATE -> {
                    return Arrays.copyOf(b, at);
                }
                default -> throw new AssertionError(kind);
            }
            return b;
        }

        @Override
        public String toString() {
            return kind + " at " + position + " (" + param + (kind == Kind.INSERT ? ", " + Arrays.toString(inserted) : "")
                    + ")";
        }
    }

    static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers(), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as(Mutation::new);
    }

    /** @return {@code in} changed by each mutation in turn; {@code in} itself is not modified */
    static byte[] mutate(byte[] in, List<Mutation> mutations) {
        byte[] b = in.clone();
        for (Mutation m : mutations) {
            b = m.applyTo(b);
        }
        return b;
    }

    /** @return the frames of {@code messages}, one after the other */
    static byte[] framesOf(List<Object> messages) {
        List<byte[]> frames = new ArrayList<>();
        for (Object m : messages) {
            frames.add(WireFuzz.encode(m));
        }
        return WireFuzz.concat(frames);
    }
}
