package io.github.regpy4j.parallel;

import static io.github.regpy4j.testing.Bits.assertBitIdentical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Product;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
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
 * The adjoint over the pipes (the path of remote workers) adds each worker's result into the sum
 * as it arrives ({@link OrderedSum}): the sums must equal the sequential ones bit for bit, an
 * unread component must come back zero, and a worker that fails or dies in the middle must end
 * the call, not hang the others' replies.
 */
@Timeout(60)
class StreamedSumTest {

    private static final long SEED = 20261207L;
    /** 160 KB per reply: large enough to be added in as it arrives. */
    private static final int N = 20_000;

    @AfterEach
    void nothingLeft() {
        Processes.assertNoDescendants();
    }

    static Stream<Arguments> pipes() {
        return Stream.of(Arguments.of("a worker per operator", WorkerOptions.defaults().withoutSharedMemory()),
                Arguments.of("two workers for three operators",
                        WorkerOptions.defaults().withoutSharedMemory().withMaxWorkers(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipes")
    void aColumnsAdjointIsTheSequentialSumBitForBit(String how, WorkerOptions options) {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(N);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 0.5), new Quadratic(x, x.randn(rng), -1.0),
                new Quadratic(x, x.randn(rng), 2.0));
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            for (int round = 0; round < 3; round++) {
                double[] at = x.randn(rng);
                double[] y = parallel.codomain().randn(rng);
                double[] expected = new VectorOfOperators(ops).linearize(at).derivative().adjoint().apply(y);
                Operator adjoint = parallel.linearize(at).derivative().adjoint();
                assertBitIdentical(adjoint.apply(y), expected, how + ", round " + round + ", seed " + SEED);
                double[] into = new double[N];
                Arrays.fill(into, Double.NaN);
                adjoint.applyInto(y, into);
                assertBitIdentical(into, expected, how + ", into an array, round " + round + ", seed " + SEED);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipes")
    void aDistributedAdjointAddsTheSharedComponentInWorkerOrder(String how, WorkerOptions options) {
        Random rng = new Random(SEED + 1);
        VectorSpace r = VectorSpace.real(N);
        // ρ read by all three (as the MRI density), a coil each, and a component nobody reads.
        DirectSum domain = new DirectSum(r, r, r, r, VectorSpace.real(5));
        boolean[][] rows = {
            {true, true, false, false, false},
            {true, false, true, false, false},
            {true, false, false, true, false},
        };
        List<Operator> ops = List.of(new Product(r), new Product(r), new Product(r));
        VectorOfOperators sequential = new VectorOfOperators(ops, domain, rows);
        try (var parallel = new DistributedVectorOfOperators(ops, domain, rows, options)) {
            for (int round = 0; round < 3; round++) {
                double[] at = domain.randn(rng);
                double[] y = parallel.codomain().randn(rng);
                double[] expected = sequential.linearize(at).derivative().adjoint().apply(y);
                Operator adjoint = parallel.linearize(at).derivative().adjoint();
                assertBitIdentical(adjoint.apply(y), expected, how + ", round " + round + ", seed " + (SEED + 1));
                double[] into = new double[domain.realSize()];
                Arrays.fill(into, Double.NaN);
                adjoint.applyInto(y, into);
                assertBitIdentical(into, expected, how + ", into an array of NaN, round " + round + ", seed " + (SEED + 1));
            }
        }
    }

    @Test
    void anOperatorThatThrowsInTheAdjointEndsTheCallAndTheWorkersStayUsable() {
        Random rng = new Random(SEED + 2);
        VectorSpace x = VectorSpace.real(N);
        // Worker 0 throws: workers 1 and 2, whose replies add after its own, must not wait for it.
        List<Operator> ops = List.of(new ThrowingAdjoint(N, 1.5), new ThrowingAdjoint(N, -2.0),
                new ThrowingAdjoint(N, 3.0));
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withoutSharedMemory())) {
            Operator adjoint = parallel.adjoint();
            double[] y = parallel.codomain().randn(rng);
            y[0] = ThrowingAdjoint.THROW;
            assertThatThrownBy(() -> adjoint.apply(y)).isInstanceOf(RemoteOperatorException.class)
                    .hasMessageContaining("worker 0");
            y[0] = 1.0;
            assertBitIdentical(adjoint.apply(y), new VectorOfOperators(ops).adjoint().apply(y),
                    "the next call, seed " + (SEED + 2));
        }
    }

    @Test
    void aWorkerThatDiesDuringTheAdjointEndsTheCall() {
        Random rng = new Random(SEED + 3);
        List<Operator> ops = List.of(new ThrowingAdjoint(N, 1.5), new ThrowingAdjoint(N, -2.0),
                new ThrowingAdjoint(N, 3.0));
        try (var parallel = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withoutSharedMemory())) {
            double[] y = parallel.codomain().randn(rng);
            y[N] = ThrowingAdjoint.HALT; // worker 1 dies; worker 2 adds after it
            assertThatThrownBy(() -> parallel.adjoint().apply(y)).isInstanceOf(WorkerException.class)
                    .hasMessageContaining("worker 1");
        }
    }

    /** {@code x ↦ d·x} on ℝⁿ; its adjoint throws when {@code y[0]} is {@link #THROW} and halts the JVM at {@link #HALT}. */
    static final class ThrowingAdjoint extends Operator {
        static final double THROW = -1e300;
        static final double HALT = -2e300;
        private final double d;

        ThrowingAdjoint(int n, double d) {
            super(VectorSpace.real(n), VectorSpace.real(n), true);
            this.d = d;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = x.clone();
            for (int k = 0; k < y.length; k++) {
                y[k] *= d;
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            if (y[0] == THROW) {
                throw new ArithmeticException("asked to throw in the adjoint");
            }
            if (y[0] == HALT) {
                Runtime.getRuntime().halt(4);
            }
            return evaluate(y, false);
        }
    }
}
