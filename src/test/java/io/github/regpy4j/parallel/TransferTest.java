package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectors arrive bit for bit, through the pipe and through shared memory: NaN payloads, -0.0,
 * infinities, subnormals, sizes around the 64 KiB write pieces and the region boundaries, complex.
 */
@Timeout(60)
class TransferTest {

    private static final long SEED = 20261126L;

    @AfterEach
    void nothingLeft() throws IOException {
        Processes.assertNoDescendants();
        try (Stream<Path> left = Files.list(Path.of("/dev/shm"))) {
            assertThat(left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(SharedMemory.PREFIX))).as("shared-memory regions left").isEmpty();
        }
    }

    /** The two paths, and each with the operators grouped onto two workers ({@code withMaxWorkers(2)}). */
    static Stream<Arguments> pathsAndGroups() {
        return Stream.concat(paths(), Stream.of(
                Arguments.of("pipe, grouped", WorkerOptions.defaults().withoutSharedMemory().withMaxWorkers(2)),
                Arguments.of("shared memory, grouped", WorkerOptions.defaults().withSharedMemoryThreshold(0).withMaxWorkers(2))));
    }

    static Stream<Arguments> paths() {
        return Stream.of(Arguments.of("pipe", WorkerOptions.defaults().withoutSharedMemory()),
                Arguments.of("shared memory", WorkerOptions.defaults().withSharedMemoryThreshold(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsAndGroups")
    void everyBitArrivesForAwkwardValuesAndSizes(String path, WorkerOptions options) {
        // One worker per size, each reading its own component: sizes around the 64 KiB pieces.
        int[] sizes = {1, 2, 7, 8191, 8192, 8193, 65536 / 8 * 3 + 5, 200_001};
        List<VectorSpace> spaces = java.util.Arrays.stream(sizes).mapToObj(VectorSpace::real).toList();
        DirectSum domain = new DirectSum(spaces);
        boolean[][] rows = new boolean[sizes.length][sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            rows[i][i] = true;
        }
        List<Operator> ops = spaces.stream().<Operator>map(Identity::new).toList();
        try (var parallel = new DistributedVectorOfOperators(ops, domain, rows, options)) {
            for (int round = 0; round < 2; round++) {
                double[] v = awkward(domain.realSize(), new Random(SEED + round));
                assertBitsEqual(v, parallel.apply(v), path + ", own arguments, round " + round);
                assertBitsEqual(v, parallel.adjoint().apply(v), path + ", adjoint, round " + round);
            }
        }
        // One argument shared by all workers.
        VectorSpace large = VectorSpace.real(200_001);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(large), new Identity(large)), options)) {
            double[] v = awkward(large.realSize(), new Random(SEED));
            double[] y = parallel.apply(v);
            assertBitsEqual(v, java.util.Arrays.copyOfRange(y, 0, v.length), path + ", shared argument, worker 0");
            assertBitsEqual(v, java.util.Arrays.copyOfRange(y, v.length, 2 * v.length), path + ", shared argument, worker 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsAndGroups")
    void distributedComplexPartsArriveUnchanged(String path, WorkerOptions options) {
        VectorSpace c = VectorSpace.complex(300, 7);
        VectorSpace r = VectorSpace.real(1000);
        DirectSum domain = new DirectSum(c, r);
        List<Operator> ops = List.of(new Identity(c), new Identity(r), new Identity(c));
        boolean[][] rows = {{true, false}, {false, true}, {true, false}};
        try (var parallel = new DistributedVectorOfOperators(ops, domain, rows, options)) {
            Random rng = new Random(SEED);
            double[] x = domain.join(awkward(c.realSize(), rng), awkward(r.realSize(), rng));
            double[] y = parallel.apply(x);
            double[][] parts = ((DirectSum) parallel.codomain()).split(y);
            double[][] in = domain.split(x);
            assertBitsEqual(in[0], parts[0], path + ", complex part to worker 0");
            assertBitsEqual(in[1], parts[1], path + ", real part to worker 1");
            assertBitsEqual(in[0], parts[2], path + ", complex part to worker 2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsAndGroups")
    void applyIntoOverwritesTheCallersArrayBitForBit(String path, WorkerOptions options) {
        VectorSpace c = VectorSpace.complex(300, 7);
        VectorSpace r = VectorSpace.real(1000);
        DirectSum domain = new DirectSum(c, r);
        boolean[][] rows = {{true, false}, {false, true}, {true, true}};
        List<Operator> ops = List.of(new Identity(c), new Identity(r), new Identity(domain));
        try (var distributed = new DistributedVectorOfOperators(ops, domain, rows, options);
                var parallel = new ParallelVectorOfOperators(List.of(new Identity(r), new Identity(r)), options)) {
            double[] out = new double[distributed.codomain().realSize()];
            double[] pair = new double[2 * r.realSize()];
            java.util.Arrays.fill(out, Double.NaN);
            for (int round = 0; round < 2; round++) {
                Random rng = new Random(SEED + round);
                double[] x = domain.join(awkward(c.realSize(), rng), awkward(r.realSize(), rng));
                distributed.applyInto(x, out);
                assertBitsEqual(distributed.apply(x), out, path + ", distributed, round " + round);
                double[] v = awkward(r.realSize(), rng);
                parallel.applyInto(v, pair);
                assertBitsEqual(parallel.apply(v), pair, path + ", shared argument, round " + round);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsAndGroups")
    void derivativesAndTheirAdjointsWriteIntoTheCallersArrayBitForBit(String path, WorkerOptions options) {
        VectorSpace c = VectorSpace.complex(300, 7);
        VectorSpace r = VectorSpace.real(1000);
        DirectSum domain = new DirectSum(c, r);
        // Two nonlinear operators read the real component: the adjoint adds both into it.
        boolean[][] rows = {{true, false}, {false, true}, {false, true}};
        List<Operator> ops = List.of(new Identity(c), new Exponential(r), new Exponential(r));
        try (var distributed = new DistributedVectorOfOperators(ops, domain, rows, options)) {
            double[] out = new double[distributed.codomain().realSize()];
            double[] back = new double[domain.realSize()];
            for (int round = 0; round < 2; round++) {
                Random rng = new Random(SEED + round);
                java.util.Arrays.fill(out, Double.NaN);
                java.util.Arrays.fill(back, Double.NaN);
                double[] x = domain.join(awkward(c.realSize(), rng), r.randn(rng));
                Operator derivative = distributed.linearize(x).derivative();
                Operator adjoint = derivative.adjoint();
                assertThat(derivative.evaluatesInto()).as("the derivative of a parallel operator").isTrue();
                assertThat(adjoint.evaluatesInto()).as("its adjoint").isTrue();
                double[] h = domain.join(awkward(c.realSize(), rng), awkward(r.realSize(), rng));
                derivative.applyInto(h, out);
                assertBitsEqual(derivative.apply(h), out, path + ", derivative, round " + round + ", seed " + (SEED + round));
                double[] y = awkward(out.length, rng);
                adjoint.applyInto(y, back);
                assertBitsEqual(adjoint.apply(y), back, path + ", adjoint, round " + round + ", seed " + (SEED + round));
            }
        }
    }

    @Test
    void growingVectorsReplaceRegionsAndLeaveNoName() {
        WorkerOptions options = WorkerOptions.defaults().withSharedMemoryThreshold(1024);
        VectorSpace small = VectorSpace.real(200);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Identity(small)), options)) {
            for (int i = 0; i < 5; i++) {
                double[] v = awkward(200, new Random(SEED + i));
                assertBitsEqual(v, parallel.apply(v), "call " + i);
            }
        }
    }

    /** Random normals salted with the values codecs get wrong. */
    static double[] awkward(int n, Random rng) {
        double[] specials = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3,
            Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8dead0000beefL)};
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = k % 5 == 0 ? specials[rng.nextInt(specials.length)] : rng.nextGaussian();
        }
        return v;
    }

    static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertBitsEqual(expected, actual, what, SEED);
    }

    /** @param seed the seed the vectors came from, for the message */
    static void assertBitsEqual(double[] expected, double[] actual, String what, long seed) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            long e = Double.doubleToRawLongBits(expected[k]);
            long a = Double.doubleToRawLongBits(actual[k]);
            if (e != a) {
                throw new AssertionError(what + ": entry " + k + " has bits " + Long.toHexString(a) + " but "
                        + Long.toHexString(e) + " was sent (seed " + seed + ")");
            }
        }
    }
}
