package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.OperatorWorker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and mutated bytes into the stdin of a real worker, started by hand ({@code java -cp …
 * OperatorWorker}): it ends with the protocol-error status and says why on stderr, or, when the
 * bytes stop inside a frame or between frames, ends cleanly at end of stdin. It never hangs:
 * stdin is closed after the bytes and the worker must be gone within {@value #EXIT_LIMIT_MILLIS} ms.
 */
class WorkerStdinFuzzTest {

    private static final long EXIT_LIMIT_MILLIS = 5000;
    private static final long SEED = 20261127L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    /** What a worker did with some bytes. */
    record Exit(int status, String stderr, byte[] stdout, long millis) {}

    /** Starts a worker, writes {@code bytes} to its stdin, closes it, and waits for the worker to end. */
    static Exit feed(byte[] bytes) throws Exception {
        Process p = new ProcessBuilder(ChildJvm.command(OperatorWorker.class)).start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        long t0 = System.nanoTime();
        try (OutputStream in = p.getOutputStream()) {
            in.write(bytes);
        } catch (IOException e) {
            // The worker may have refused the bytes and left before reading all of them.
        }
        boolean ended = p.waitFor(EXIT_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(ended).as("the worker ended within %s ms of %s bytes and end of stdin; stderr: %s",
                EXIT_LIMIT_MILLIS, bytes.length, stderr).isTrue();
        return new Exit(p.exitValue(), stderr, out.get(5, TimeUnit.SECONDS), millis);
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (s) {
                f.complete(s.readAllBytes());
            } catch (IOException e) {
                f.complete(new byte[0]);
            }
        }, "worker-stream-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    static void assertProtocolError(Exit e, String what) {
        assertThat(e.status()).as("exit status after %s; stderr: %s", what, e.stderr()).isEqualTo(WorkerExit.PROTOCOL_ERROR);
        assertThat(e.stderr()).as("stderr after %s", what).contains("exiting with 70 (protocol error)")
                .contains("stdin is not a stream of requests");
    }

    /** The worker's own answer first: a hello frame, so its stdout stayed a clean channel. */
    static void assertSaidHello(Exit e, String what) throws IOException {
        FrameReader r = new FrameReader(new java.io.ByteArrayInputStream(e.stdout()), FrameFormat.DEFAULT_MAX_PAYLOAD);
        assertThat(r.next()).as("a hello on stdout after %s", what).isTrue();
        assertThat(new MessageCodec().decodeHello(r).protocolVersion()).isEqualTo(Hello.PROTOCOL_VERSION);
    }

    @Test
    @Timeout(30)
    void textOnStdinIsAProtocolErrorQuotingIt() throws Exception {
        Exit e = feed("hello worker, are you there?\n".getBytes(StandardCharsets.UTF_8));
        assertProtocolError(e, "a line of text");
        assertThat(e.stderr()).contains("hello worker");
        assertSaidHello(e, "a line of text");
    }

    @Test
    @Timeout(30)
    void aForgedTwoGigabyteLengthIsAProtocolErrorAndANearlyTwoGigabyteOneEndsCleanlyAtEndOfStdin() throws Exception {
        byte[] forged = WireFuzz.frame(new byte[0]);
        int declared = Integer.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            forged[4 + i] = (byte) (declared >>> (8 * i));
            forged[8 + i] = (byte) (~declared >>> (8 * i));
        }
        Exit e = feed(forged);
        assertProtocolError(e, "a frame of 2 GB");
        assertThat(e.stderr()).contains("more than the limit");

        int nearly = FrameFormat.DEFAULT_MAX_PAYLOAD;
        for (int i = 0; i < 4; i++) {
            forged[4 + i] = (byte) (nearly >>> (8 * i));
            forged[8 + i] = (byte) (~nearly >>> (8 * i));
        }
        e = feed(Arrays.copyOf(forged, 100_000));
        assertThat(e.status()).as("a frame cut short by end of stdin: the parent went away; stderr %s", e.stderr())
                .isEqualTo(WorkerExit.NORMAL);
    }

    @Test
    @Timeout(30)
    void aRequestWhoseRegionPathDeclaresABillionCharactersIsAProtocolError() throws Exception {
        byte[] payload = WireFuzz.payloadOf(WireFuzz.encode(new Request(Command.EVAL_NODIFF, 1, 0, null, null,
                List.of(new RegionDeclaration(0, "/dev/shm/regpy4j-x")), false, null, 0)));
        int at = indexOf(payload, "/dev/shm".getBytes(StandardCharsets.UTF_8)) - 1;
        byte[] forged = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x03};
        byte[] mutated = new byte[at + forged.length + payload.length - at];
        System.arraycopy(payload, 0, mutated, 0, at);
        System.arraycopy(forged, 0, mutated, at, forged.length);
        System.arraycopy(payload, at, mutated, at + forged.length, payload.length - at);
        Exit e = feed(WireFuzz.frame(mutated));
        assertProtocolError(e, "a region path of 10⁹ characters");
        assertThat(e.stderr()).contains("a region path");
    }

    @Test
    @Timeout(30)
    void aRegionOutsideDevShmIsRefusedAndTheWorkerServesOn() throws Exception {
        byte[] init = WireFuzz.encode(Request.init(1, io.github.regpy4j.worker.internal.OperatorTransport.serialize(
                new io.github.regpy4j.testing.Misbehaving(2))));
        byte[] evil = WireFuzz.encode(new Request(Command.EVAL_NODIFF, 2, 0, null, new SharedVector(0, 2),
                List.of(new RegionDeclaration(0, "/dev/shm/../../etc/passwd")), false, null, 0));
        byte[] fine = WireFuzz.encode(Request.vector(Command.EVAL_NODIFF, 3, 0, new double[] {1, 2}));
        Exit e = feed(WireFuzz.concat(List.of(init, evil, fine)));
        assertThat(e.status()).as("stderr: %s", e.stderr()).isEqualTo(WorkerExit.NORMAL);
        FrameReader r = new FrameReader(new java.io.ByteArrayInputStream(e.stdout()), FrameFormat.DEFAULT_MAX_PAYLOAD);
        MessageCodec codec = new MessageCodec();
        assertThat(r.next()).isTrue();
        codec.decodeHello(r);
        List<Reply> replies = new ArrayList<>();
        while (r.next()) {
            replies.add(codec.decodeReply(r));
        }
        // Two threads take turns at the requests; replies may leave in another order than the
        // requests came: match them by sequence number (the parent has one request out at a time).
        replies.sort(java.util.Comparator.comparingLong(Reply::sequence));
        assertThat(replies).extracting(Reply::sequence).containsExactly(1L, 2L, 3L);
        assertThat(replies.get(0).code()).isEqualTo(ExitCode.SUCCESS);
        assertThat(replies.get(1).code()).isEqualTo(ExitCode.ERROR);
        assertThat(replies.get(1).error().message()).contains("refusing to map");
        assertThat(replies.get(2).vector()).containsExactly(1, 2);
    }

    @Test
    @Timeout(40)
    void randomAndMutatedBytes() throws Exception {
        fuzz(new Random(SEED), 6);
    }

    @Test
    @Tag("long")
    @Timeout(900)
    void randomAndMutatedBytesForMinutes() throws Exception {
        long until = System.nanoTime() + 3 * 60 * 1_000_000_000L;
        Random rng = new Random(SEED + 1);
        int runs = 0;
        while (System.nanoTime() < until) {
            fuzz(rng, 2);
            runs += 2;
        }
        assertThat(runs).isPositive();
    }

    /**
     * Each case: random bytes, magic then random bytes, or valid requests (an operator first)
     * with mutations. The worker must end with status 70 and say why, or end cleanly (0) at end
     * of stdin, having answered only in frames.
     */
    static void fuzz(Random rng, int cases) throws Exception {
        for (int k = 0; k < cases; k++) {
            long seed = rng.nextLong();
            Random r = new Random(seed);
            byte[] bytes;
            String what;
            switch (k % 3) {
                case 0 -> {
                    bytes = WireFuzz.randomBytes(r, 1 + r.nextInt(2000));
                    if (bytes[0] == 'r') {
                        bytes[0] = 'x';
                    }
                    what = "random bytes, seed " + seed;
                }
                case 1 -> {
                    bytes = WireFuzz.randomBytes(r, 12 + r.nextInt(2000));
                    System.arraycopy(new byte[] {'r', 'p', '4', 'j'}, 0, bytes, 0, 4);
                    what = "the magic then random bytes, seed " + seed;
                }
                default -> {
                    List<byte[]> frames = new ArrayList<>();
                    frames.add(WireFuzz.encode(Request.init(1, OperatorTransport.serialize(
                            new io.github.regpy4j.testing.Misbehaving(3)))));
                    for (int i = 0; i < 1 + r.nextInt(4); i++) {
                        frames.add(WireFuzz.encode(Request.vector(Command.values()[1 + r.nextInt(4)], 2 + i, 0,
                                new double[] {r.nextGaussian(), 1, 2})));
                    }
                    StringBuilder log = new StringBuilder();
                    bytes = WireFuzz.mutate(WireFuzz.concat(frames), r, 1 + r.nextInt(3), log);
                    what = "mutated requests (" + log + "), seed " + seed;
                }
            }
            Exit e = feed(bytes);
            assertThat(e.status()).as("exit status after %s; stderr: %s", what, e.stderr())
                    .isIn(WorkerExit.PROTOCOL_ERROR, WorkerExit.NORMAL);
            if (e.status() == WorkerExit.PROTOCOL_ERROR) {
                assertThat(e.stderr()).as("stderr after %s", what).contains("stdin is not a stream of requests");
            } else {
                assertThat(k % 3).as("only mutated requests can end cleanly: %s; stderr %s", what, e.stderr()).isEqualTo(2);
            }
            assertThat(WireFuzz.decodeAll(e.stdout(), seed, "the worker's stdout after " + what).end())
                    .as("the worker's stdout after %s holds only frames", what).isEqualTo(WireFuzz.End.MESSAGES);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
