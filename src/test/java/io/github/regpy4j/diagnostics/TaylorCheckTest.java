package io.github.regpy4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.SquaredModulus;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TaylorCheckTest {

    private static final long SEED = 83L;

    private static TaylorCheckResult run(Operator op) {
        Random rng = new Random(SEED);
        return TaylorCheck.run(op, op.domain().randn(rng), rng);
    }

    @Test
    void correctDerivativesShrinkLikeTSquared() {
        for (Operator op : new Operator[] {new Exponential(VectorSpace.complex(5)), new SquaredModulus(VectorSpace.complex(3)),
                new BrokenOperators.Radial(), new BrokenOperators.SineWithWrongDerivative(0)}) {
            TaylorCheckResult r = run(op);
            assertThat(r.passed()).as("seed %d%n%s", SEED, r).isTrue();
            assertThat(r.observedOrder()).as("seed %d%n%s", SEED, r).isBetween(1.9, 2.1);
        }
    }

    @Test
    void aWrongDerivativeShowsOrderOne() {
        TaylorCheckResult r = run(new BrokenOperators.SineWithWrongDerivative(0.1));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
        assertThat(r.observedOrder()).as("seed %d%n%s", SEED, r).isBetween(0.9, 1.75);
        assertThat(r.toString()).contains("FAILED").contains("order");
    }

    @Test
    void aSmallDerivativeErrorThatShowsOnlyAtSmallStepsIsCaught() {
        // r(t) ≈ t²·c + t·1e-5·c': order 2 down to t ≈ 1e-5, then order 1.
        TaylorCheckResult r = run(new BrokenOperators.SineWithWrongDerivative(1e-5));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
        assertThat(r.verdict()).as("seed %d%n%s", SEED, r).contains("small error");
    }

    @Test
    void linearOperatorsStayAtRoundOffAndPass() {
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        new Random(SEED).doubles(9).toArray();
        for (int k = 0; k < 9; k++) {
            a.data[k] = k - 4;
        }
        for (Operator op : new Operator[] {new Identity(VectorSpace.real(4)), new MatrixOperator(a)}) {
            TaylorCheckResult r = run(op);
            assertThat(r.passed()).as("seed %d%n%s", SEED, r).isTrue();
            assertThat(r.verdict()).contains("round-off");
        }
    }

    @Test
    void nonFiniteValuesFail() {
        TaylorCheckResult r = run(new BrokenOperators.NotANumber());
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
        assertThat(r.verdict()).contains("not finite");
    }

    @Test
    void reportsEveryStepAndCopiesItsArrays() {
        TaylorCheckResult r = run(new Exponential(VectorSpace.real(2)));
        assertThat(r.steps()).containsExactly(TaylorCheck.steps());
        assertThat(r.steps()).hasSize(7).startsWith(1e-1).endsWith(1e-7);
        assertThat(r.orders()).hasSize(6);
        r.remainders()[0] = -1;
        assertThat(r.remainders()[0]).isPositive();
        assertThat(r.toString().lines().count()).isEqualTo(1 + 1 + 7 + 1);
    }

    @Test
    void aLooseRelativeAccuracyToleratesANoisyOperator() {
        // exp with a relative error of 1e-9 in each evaluation, as from a solver's tolerance.
        Operator noisy = new BrokenOperators.NoisyExponential(1e-9, SEED);
        Random rng = new Random(SEED);
        double[] x = noisy.domain().randn(rng);
        double[] h = noisy.domain().randn(rng);
        TaylorCheckResult strict = TaylorCheck.run(noisy, x, h);
        TaylorCheckResult loose = TaylorCheck.run(noisy, x, h, 1e-8);
        assertThat(strict.passed()).as("seed %d%n%s", SEED, strict).isFalse();
        assertThat(loose.passed()).as("seed %d%n%s", SEED, loose).isTrue();
        assertThatThrownBy(() -> TaylorCheck.run(noisy, x, h, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative accuracy");
    }

    @Test
    void refusesAZeroDirection() {
        Exponential e = new Exponential(VectorSpace.real(2));
        assertThatThrownBy(() -> TaylorCheck.run(e, new double[2], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonzero");
    }
}
