package io.github.regpy4j.operators.scattering;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The incident directions split between two {@link MediumScattering} operators in two worker JVMs,
 * combined by {@link ParallelVectorOfOperators}, give what one operator over all directions gives:
 * value, derivative and adjoint, once the joined far fields are put in regpy's order.
 */
@Timeout(60)
class MediumScatteringParallelTest {

    private static final long SEED = 20261205L;
    /** Each direction's solve is the same computation in either; only the adjoint's sum is regrouped. */
    private static final double PARITY_TOLERANCE = 1e-12;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void twoWorkersGiveWhatOneOperatorOverAllDirectionsGives() {
        MediumScattering whole = MediumScattering.fixed(new int[] {16, 16}, 1.0, 1.0,
                MediumScattering.circleDirections(4), MediumScattering.circleDirections(3));
        Random rng = new Random(SEED);
        try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(whole.splitIncidentDirections(2))) {
            assertThat(parallel.workerCount()).isEqualTo(2);
            assertThat(parallel.domain()).isEqualTo(whole.domain());
            for (int round = 0; round < 2; round++) {
                double[] x = MediumScatteringTest.contrast(whole, rng);
                String context = "round " + round + ", seed " + SEED;
                assertClose(whole.joinedToRegpyOrder(parallel.apply(x), 2), whole.apply(x), "apply, " + context);
                Linearization lp = parallel.linearize(x);
                Linearization lw = whole.linearize(x);
                assertClose(whole.joinedToRegpyOrder(lp.value(), 2), lw.value(), "linearize, " + context);
                double[] h = whole.domain().randn(rng);
                assertClose(whole.joinedToRegpyOrder(lp.derivative().apply(h), 2), lw.derivative().apply(h),
                        "derivative, " + context);
                double[] y = parallel.codomain().randn(rng);
                assertClose(lp.derivative().adjoint().apply(y),
                        lw.derivative().adjoint().apply(whole.joinedToRegpyOrder(y, 2)), "adjoint, " + context);
            }
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(Vectors.relativeMaxDifference(actual, expected)).as(what).isLessThanOrEqualTo(PARITY_TOLERANCE);
    }
}
