package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.unsafe.UnsafeInput;
import com.esotericsoftware.kryo.unsafe.UnsafeOutput;
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
 * The codec's doubles in and out of a Kryo buffer, the three ways side by side in one run: Kryo's
 * {@code UnsafeOutput}/{@code UnsafeInput} (the codec before issue 14; {@code sun.misc.Unsafe},
 * warned about from JDK 24 on), this library's {@link DoubleArrayOutput}/{@link DoubleArrayInput}
 * (bulk copies through a {@code DoubleBuffer} view), and Kryo's plain {@code Output}/{@code Input}
 * (one double at a time). In the worker package because the codec's classes are internal.
 *
 * <p>Run (about 90 s per JDK): {@code java -cp <test classpath> org.openjdk.jmh.Main
 * DoubleCopyBenchmark}; see benchmarks/results/20261205-codec.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DoubleCopyBenchmark {

    /** Which output and input: {@code unsafe} (Kryo's), {@code safe} (ours), {@code plain} (Kryo's default). */
    @Param({"unsafe", "safe", "plain"})
    public String codec;

    /** The vector's length. */
    @Param({"1000", "1000000"})
    public int n;

    private double[] vector;
    private Output output;
    private Input input;

    /** Random normals, fixed seed; the buffers for the chosen codec. */
    @Setup
    public void setUp() {
        vector = new Random(20261205L).doubles(n).toArray();
        int bytes = 8 * n + 64;
        switch (codec) {
            case "unsafe" -> {
                output = new UnsafeOutput(bytes, -1);
                input = new UnsafeInput();
            }
            case "safe" -> {
                output = new DoubleArrayOutput(bytes, -1);
                input = new DoubleArrayInput();
            }
            case "plain" -> {
                output = new Output(bytes, -1);
                input = new Input();
            }
            default -> throw new IllegalArgumentException("codec " + codec + ": expected unsafe, safe or plain");
        }
        output.writeDoubles(vector, 0, n);
        input.setBuffer(output.toBytes());
    }

    /** @return the bytes written */
    @Benchmark
    public int write() {
        output.setPosition(0);
        output.writeDoubles(vector, 0, n);
        return output.position();
    }

    /** @return the doubles read */
    @Benchmark
    public double[] read() {
        input.setPosition(0);
        return input.readDoubles(n);
    }
}
