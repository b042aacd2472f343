package io.github.regpy4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Zero;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdjointCheckTest {

    /** What rounding leaves of a correct adjoint's figures. */
    private static final double ROUND_OFF = 1e-14;

    private static final long SEED = 81L;

    @Test
    void passesACorrectAdjointWithARoundOffSizedError() {
        AdjointCheckResult r = AdjointCheck.run(new Identity(VectorSpace.complex(4)), new Random(SEED));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isTrue();
        assertThat(r.relativeError()).as("seed %d%n%s", SEED, r).isLessThan(ROUND_OFF);
        assertThat(r.tolerance()).isEqualTo(AdjointCheck.DEFAULT_TOLERANCE);
    }

    @Test
    void failsAWrongAdjointAndSaysSoInItsTable() {
        AdjointCheckResult r = AdjointCheck.run(new BrokenOperators.UntransposedAdjoint(), new Random(SEED));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
        assertThat(r.relativeError()).isGreaterThan(1e-3);
        assertThat(r.toString()).contains("FAILED").contains("relative error").contains("<F x, y>");
    }

    @Test
    void isScaleInvariant() {
        Random a = new Random(SEED);
        Random b = new Random(SEED);
        AdjointCheckResult small = AdjointCheck.run(new BrokenOperators.UntransposedAdjoint(), a);
        AdjointCheckResult large = AdjointCheck.run(new BrokenOperators.UntransposedAdjoint().scale(1e8), b);
        assertThat(large.relativeError()).isCloseTo(small.relativeError(),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Test
    void zeroOperatorPassesWithZeroError() {
        AdjointCheckResult r = AdjointCheck.run(new Zero(VectorSpace.real(3)), new Random(SEED));
        assertThat(r.relativeError()).isZero();
        assertThat(r.passed()).isTrue();
    }

    @Test
    void checksTheDerivativeOfANonlinearOperatorAndRefusesTheOperatorItself() {
        Exponential e = new Exponential(VectorSpace.complex(3));
        double[] x = e.domain().randn(new Random(SEED));
        AdjointCheckResult r = AdjointCheck.ofDerivative(e, x, new Random(SEED), 1e-12);
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isTrue();
        assertThat(r.operator()).contains("Derivative").contains("Exponential");
        assertThatThrownBy(() -> AdjointCheck.run(e, new Random(SEED))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonlinear").hasMessageContaining("ofDerivative");
    }

    @Test
    void refusesBadArguments() {
        Identity id = new Identity(VectorSpace.real(2));
        assertThatThrownBy(() -> AdjointCheck.run(null, new Random(SEED))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> AdjointCheck.run(id, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Random");
        assertThatThrownBy(() -> AdjointCheck.run(id, new Random(SEED), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> AdjointCheck.run(id, new double[3], new double[2], 1e-10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
    }
}
