package io.github.regpy4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearityCheckTest {

    /** What rounding leaves of a correct operator's figures. */
    private static final double ROUND_OFF = 1e-14;

    private static final long SEED = 82L;

    @Test
    void passesALinearOperator() {
        LinearityCheckResult r = LinearityCheck.run(new Identity(VectorSpace.complex(3)).scale(3), new Random(SEED));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isTrue();
        assertThat(r.relativeError()).isLessThan(ROUND_OFF);
    }

    @Test
    void failsAnAffineOperatorThatClaimsToBeLinear() {
        LinearityCheckResult r = LinearityCheck.run(new BrokenOperators.AffineClaimingLinear(), new Random(SEED));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
        assertThat(r.toString()).contains("FAILED").contains("relative error");
    }

    @Test
    void failsANonlinearOperator() {
        LinearityCheckResult r = LinearityCheck.run(new Exponential(VectorSpace.real(3)), new Random(SEED));
        assertThat(r.passed()).as("seed %d%n%s", SEED, r).isFalse();
    }

    @Test
    void usesTheGivenScalars() {
        LinearityCheckResult r = LinearityCheck.run(new Identity(VectorSpace.real(1)), new double[] {1}, new double[] {2},
                3, -1, 1e-12);
        assertThat(r.a()).isEqualTo(3);
        assertThat(r.b()).isEqualTo(-1);
        assertThat(r.defect()).isZero();
        assertThat(r.passed()).isTrue();
    }
}
