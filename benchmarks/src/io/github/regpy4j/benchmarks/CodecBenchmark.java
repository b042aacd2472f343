package io.github.regpy4j.benchmarks;

import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frame codec alone, without pipes or processes: encoding a reply that carries {@code n}
 * doubles into the bytes a pipe would carry, and decoding those bytes back into a reply. Below
 * 8192 doubles the vector is copied into the frame's buffer by the codec's output; from there on
 * it is streamed piece by piece as the frame is written. Decoding always reads the doubles out of
 * the payload with the codec's input. Issue 14 asks that the safe codec be no slower than Kryo's
 * {@code UnsafeOutput}/{@code UnsafeInput}.
 *
 * <p>Run (about 90 s): {@code mvn -q -B -o test-compile exec:exec -Dexec.mainClass=org.openjdk.jmh.Main
 * -Dexec.programArgs="CodecBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s"}; with JDK 25 prefix {@code
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64}. Results: benchmarks/results/*-codec.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    /** The vector's length. */
    @Param({"1000", "1000000"})
    public int n;

    private double[] vector;
    private final FrameEncoder encoder = new FrameEncoder();
    private final MessageCodec codec = new MessageCodec();
    private final Sink sink = new Sink();
    private ByteArrayInputStream wire;
    /** One reader for the run, as on a real stream: its payload buffer is grown once. */
    private FrameReader reader;

    /** Random normals, fixed seed; the frame's bytes once, for decoding. */
    @Setup
    public void setUp() {
        vector = new Random(20261205L).doubles(n).toArray();
        wire = new ByteArrayInputStream(MessageCodec.encode(encoder, Reply.success(1, vector)).toByteArray());
        reader = new FrameReader(wire, FrameFormat.DEFAULT_MAX_PAYLOAD);
    }

    /** @return how many bytes the frame put on the (discarding) wire */
    @Benchmark
    public long encode() throws IOException {
        EncodedFrame f = MessageCodec.encode(encoder, Reply.success(1, vector));
        sink.reset();
        f.writeTo(sink);
        return sink.count;
    }

    /** @return the decoded reply's vector */
    @Benchmark
    public double[] decode() throws IOException {
        wire.reset();
        reader.next();
        return codec.decodeReply(reader).vector();
    }

    /** A wire that keeps nothing but the count, as a pipe with a fast reader would. */
    static final class Sink extends OutputStream {
        long count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
