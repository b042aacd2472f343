package io.github.regpy4j.parallel;

import static io.github.regpy4j.parallel.TransferTest.assertBitsEqual;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.PointwiseMultiplication;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A worker lends the same argument and result arrays, call after call, to operators that {@link
 * Operator#evaluatesInto() evaluate into} them, and only to those: results agree bit for bit with
 * the sequential {@link VectorOfOperators} while directions and sizes alternate, and an operator
 * that keeps a reference to its argument still sees the argument it was given.
 */
@Timeout(60)
class LentArraysTest {

    private static final long SEED = 20261127L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.regpy4j.parallel.TransferTest#paths")
    void lendingOperatorsAgreeWithTheSequentialOnesAsDirectionsAndSizesAlternate(String path, WorkerOptions options) {
        VectorSpace x = VectorSpace.real(300);
        Random rng = new Random(SEED);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(170, 300, -1, 1, rng);
        List<Operator> ops = List.of(new Identity(x), PointwiseMultiplication.complex(x, VectorSpace.complex(300).randn(rng)),
                new MatrixOperator(a, x, VectorSpace.real(170)), new Identity(x).scale(-2.5));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            for (int round = 0; round < 4; round++) {
                String where = path + ", round " + round;
                double[] v = TransferTest.awkward(x.realSize(), rng);
                assertAlike(sequential.apply(v), parallel.apply(v), "apply, " + where);
                double[] y = sequential.codomain().randn(rng);
                assertBitsEqual(sequential.adjoint().apply(y), parallel.adjoint().apply(y), "adjoint, " + where, SEED);
                double[] h = x.randn(rng);
                Linearization s = sequential.linearize(v);
                Linearization p = parallel.linearize(v);
                assertAlike(s.value(), p.value(), "linearize, " + where);
                assertBitsEqual(s.derivative().apply(h), p.derivative().apply(h), "derivative, " + where, SEED);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.regpy4j.parallel.TransferTest#paths")
    void anOperatorThatKeepsItsArgumentIsGivenFreshArrays(String path, WorkerOptions options) {
        VectorSpace x = VectorSpace.real(5000);
        Random rng = new Random(SEED);
        List<Operator> ops = List.of(new PlusPreviousArgument(x), new Identity(x));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        try (var parallel = new ParallelVectorOfOperators(ops, options)) {
            for (int call = 0; call < 4; call++) {
                double[] v = x.randn(rng);
                assertBitsEqual(sequential.apply(v), parallel.apply(v), path + ", call " + call, SEED);
            }
        }
    }

    /** {@code x ↦ x + (the argument of the previous call)}: keeps a reference to its argument, as it may. */
    static final class PlusPreviousArgument extends Operator {
        private double[] previous;

        PlusPreviousArgument(VectorSpace space) {
            super(space, space, false);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            double[] y = x.clone();
            if (previous != null) {
                for (int k = 0; k < y.length; k++) {
                    y[k] += previous[k];
                }
            }
            previous = x;
            return y;
        }
    }

    /**
     * Bit for bit, except that where the sequential result is a NaN any NaN will do: a row of the
     * matrix that meets two NaNs of different payloads gives one or the other depending on the
     * order in which the JIT compiled the additions, which differs between JVMs (Java specifies
     * no payload for the NaN of an arithmetic operation). TransferTest checks every payload
     * arrives unchanged.
     */
    private static void assertAlike(double[] expected, double[] actual, String what) {
        double[] e = expected.clone();
        for (int k = 0; k < e.length && k < actual.length; k++) {
            if (Double.isNaN(e[k]) && Double.isNaN(actual[k])) {
                e[k] = actual[k];
            }
        }
        assertBitsEqual(e, actual, what, SEED);
    }
}
