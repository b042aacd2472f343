package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normal operator {@code T*T} of a parallel operator's derivative, computed in the workers
 * ({@code normal}): each worker returns {@code Tᵢ*Tᵢ hᵢ}, an element of its domain, instead of
 * {@code Tᵢ hᵢ}. Through the pipe and shared memory, one worker per operator and grouped.
 */
@Timeout(60)
class NormalOperatorTest {

    private static final long SEED = 20261206L;
    /** Relative distance to the sequential twin: the sums of a group's terms are added in another order. */
    private static final double SUMMATION_ORDER = 1e-13;

    @AfterEach
    void nothingLeft() {
        Processes.assertNoDescendants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.regpy4j.parallel.TransferTest#pathsAndGroups")
    void theWorkersGiveTheAdjointOfTheDerivativesValueBitForBit(String path, WorkerOptions options) {
        VectorSpace c = VectorSpace.complex(300, 7);
        VectorSpace r = VectorSpace.real(1000);
        DirectSum domain = new DirectSum(c, r);
        // Two nonlinear operators read the real component: their terms add up in it.
        boolean[][] rows = {{true, false}, {false, true}, {false, true}};
        List<Operator> ops = List.of(new Identity(c), new Exponential(r), new Exponential(r));
        VectorOfOperators twin = new VectorOfOperators(ops, domain, rows);
        try (var distributed = new DistributedVectorOfOperators(ops, domain, rows, options)) {
            double[] out = new double[domain.realSize()];
            for (int round = 0; round < 2; round++) {
                long seed = SEED + round;
                Random rng = new Random(seed);
                double[] x = domain.randn(rng);
                Operator derivative = distributed.linearize(x).derivative();
                Operator normal = derivative.normal();
                assertThat(normal.evaluatesInto()).as("the normal operator of a parallel derivative").isTrue();
                double[] h = domain.randn(rng);
                java.util.Arrays.fill(out, Double.NaN);
                normal.applyInto(h, out);
                double[] expected = derivative.adjoint().apply(derivative.apply(h));
                TransferTest.assertBitsEqual(expected, out, path + ", normal into, round " + round, seed);
                TransferTest.assertBitsEqual(expected, normal.apply(h), path + ", normal, round " + round, seed);

                Operator sequential = twin.linearize(x).derivative();
                assertThat(Vectors.relativeMaxDifference(out, sequential.normal().apply(h)))
                        .as("%s, against the sequential twin, round %d, seed %d", path, round, seed)
                        .isLessThanOrEqualTo(SUMMATION_ORDER);
            }
        }
    }

    /**
     * A worker runs the operator's own {@code applyNormal}: a user operator that knows a cheaper
     * {@code T*T} (here a diagonal one, squaring its weights) gets to use it. The spy's normal is
     * deliberately the negative of the true one, so the result shows which way it went.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.regpy4j.parallel.TransferTest#pathsAndGroups")
    void aWorkerRunsTheOperatorsOwnNormal(String path, WorkerOptions options) {
        Random rng = new Random(SEED);
        VectorSpace s = VectorSpace.real(5000);
        List<Operator> ops = List.of(new NegatedNormal(s.randn(rng)), new NegatedNormal(s.randn(rng)),
                new NegatedNormal(s.randn(rng)));
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            double[] h = s.randn(rng);
            double[] expected = new VectorOfOperators(ops).normal().apply(h);
            double[] trueNormal = parallel.adjoint().apply(parallel.apply(h));
            assertThat(Vectors.relativeMaxDifference(parallel.normal().apply(h), expected))
                    .as("%s: the operators' own normal, seed %d", path, SEED).isLessThanOrEqualTo(SUMMATION_ORDER);
            assertThat(Vectors.relativeMaxDifference(expected, Vectors.scale(-1, trueNormal)))
                    .as("the spy's normal is the negated true one, seed %d", SEED).isLessThanOrEqualTo(SUMMATION_ORDER);
        }
    }

    /** Multiplication by real weights, with a normal operator that is the negative of the true one. */
    static final class NegatedNormal extends Operator {
        private final double[] weights;

        NegatedNormal(double[] weights) {
            super(VectorSpace.real(weights.length), VectorSpace.real(weights.length), true);
            this.weights = weights;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = new double[x.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = weights[k] * x[k];
            }
            return y;
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return evaluate(y, false);
        }

        @Override
        protected double[] applyNormal(double[] h) {
            double[] n = new double[h.length];
            for (int k = 0; k < n.length; k++) {
                n[k] = -weights[k] * weights[k] * h[k];
            }
            return n;
        }
    }
}
