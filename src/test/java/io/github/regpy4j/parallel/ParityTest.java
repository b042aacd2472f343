package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.Bits;
import io.github.regpy4j.testing.ComplexScaling;
import io.github.regpy4j.testing.DenseMatrix;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Product;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parallel operators give what the sequential {@link VectorOfOperators} gives over the same
 * operators, for apply, linearize, derivative and adjoint, on real, complex and nested direct sums:
 * bit for bit, as the README promises (same operations in the same order, only in other processes).
 */
@Timeout(60)
class ParityTest {

    private static final long SEED = 20261126L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void nonlinearOperatorsOnARealSpace() {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(7);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 0.5), new Quadratic(x, x.randn(rng), -1.0),
                new Quadratic(x, x.randn(rng), 2.0));
        try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops)) {
            assertThat(parallel.workerCount()).isEqualTo(3);
            assertThat(parallel.isRunning()).isTrue();
            assertAgree(parallel, new VectorOfOperators(ops), rng);
        }
    }

    @Test
    void linearOperatorsWithDifferentCodomains() {
        Random rng = new Random(SEED + 1);
        List<Operator> ops = List.of(DenseMatrix.random(3, 5, rng), DenseMatrix.random(8, 5, rng),
                DenseMatrix.random(1, 5, rng));
        try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops)) {
            assertThat(parallel.isLinear()).isTrue();
            assertAgree(parallel, new VectorOfOperators(ops), rng);
            Operator adjoint = parallel.adjoint();
            double[] y = parallel.codomain().randn(rng);
            assertBitIdentical(adjoint.apply(y), new VectorOfOperators(ops).adjoint().apply(y), "adjoint(), seed " + SEED);
        }
    }

    @Test
    void complexOperators() {
        Random rng = new Random(SEED + 2);
        VectorSpace c = VectorSpace.complex(4, 3);
        List<Operator> ops = List.of(new ComplexScaling(c, c.randn(rng)), new ComplexScaling(c, c.randn(rng)));
        try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops)) {
            assertAgree(parallel, new VectorOfOperators(ops), rng);
        }
    }

    @Test
    void distributedOverANestedDirectSum() {
        Random rng = new Random(SEED + 3);
        VectorSpace r4 = VectorSpace.real(4);
        VectorSpace r2 = VectorSpace.real(2);
        DirectSum domain = new DirectSum(r4, r4, new DirectSum(r2, r2));
        List<Operator> ops = List.of(
                new Quadratic(r4, r4.randn(rng), 1.0),   // reads component 0 alone
                new Product(r4),                         // reads components 0 and 1
                new Product(r2),                         // reads component 2, itself a direct sum
                new Quadratic(r4, r4.randn(rng), -0.5)); // reads component 1 alone
        boolean[][] distribution = {
            {true, false, false},
            {true, true, false},
            {false, false, true},
            {false, true, false},
        };
        try (DistributedVectorOfOperators parallel = new DistributedVectorOfOperators(ops, domain, distribution)) {
            assertAgree(parallel, new VectorOfOperators(ops, domain, distribution), rng);
        }
    }

    @Test
    void aRowWithASingleComponentIsAccepted() {
        // regpy rejects this by a bug (AttributeError).
        VectorSpace r3 = VectorSpace.real(3);
        DirectSum domain = new DirectSum(r3, r3);
        List<Operator> ops = List.of(new Quadratic(r3, r3.ones(), 0), new Quadratic(r3, r3.ones(), 1));
        try (var parallel = new DistributedVectorOfOperators(ops, domain, new boolean[][] {{false, true}, {true, false}})) {
            double[] y = parallel.apply(domain.join(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
            assertThat(y).containsExactly(16, 25, 36, 2, 6, 12);
        }
    }

    @Test
    void staleDerivativeIsRejectedInTheParent() {
        Random rng = new Random(SEED + 4);
        VectorSpace x = VectorSpace.real(3);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Quadratic(x, x.ones(), 0)))) {
            Linearization l = parallel.linearize(x.randn(rng));
            parallel.apply(x.randn(rng));
            assertThatThrownBy(() -> l.derivative().apply(x.ones()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale");
        }
    }

    private static void assertAgree(Operator parallel, Operator sequential, Random rng) {
        assertThat(parallel.domain()).isEqualTo(sequential.domain());
        assertThat(parallel.codomain()).isEqualTo(sequential.codomain());
        for (int round = 0; round < 3; round++) {
            double[] x = parallel.domain().randn(rng);
            double[] xCopy = x.clone();
            assertBitIdentical(parallel.apply(x), sequential.apply(x), "apply, round " + round);
            Linearization lp = parallel.linearize(x);
            Linearization ls = sequential.linearize(x);
            assertBitIdentical(lp.value(), ls.value(), "linearize value, round " + round);
            double[] h = parallel.domain().randn(rng);
            assertBitIdentical(lp.derivative().apply(h), ls.derivative().apply(h), "derivative, round " + round);
            double[] y = parallel.codomain().randn(rng);
            assertBitIdentical(lp.derivative().adjoint().apply(y), ls.derivative().adjoint().apply(y),
                    "adjoint of the derivative, round " + round);
            assertThat(x).as("argument not modified").isEqualTo(xCopy);
        }
    }

    private static void assertBitIdentical(double[] actual, double[] expected, String what) {
        Bits.assertBitIdentical(actual, expected, what + ", parallel against sequential (seed " + SEED + ")");
    }
}
