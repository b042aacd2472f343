package io.github.regpy4j.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link Landweber} on linear and nonlinear problems with known solutions. */
@Timeout(30)
class LandweberTest {

    private static final long SEED = 20261126L;

    @Test
    void estimatesTheStepSizeFromTheLargestSingularValue() {
        TestProblems.Matrix t = TestProblems.geometricDiagonal(6, 0.5);
        assertThat(Landweber.estimateStepSize(t, t.domain().zeros(), 50)).isCloseTo(0.9, Offset.offset(1e-6));
    }

    @Test
    void residualDecreasesMonotonicallyAndTheDiscrepancyPrincipleStops() {
        Random rng = new Random(SEED);
        TestProblems.Matrix t = TestProblems.geometricDiagonal(20, 0.85);
        double[] exact = t.domain().randn(rng);
        double[] data = t.apply(exact);
        double[] noise = t.codomain().randn(rng);
        double delta = 0;
        for (int k = 0; k < data.length; k++) {
            data[k] += 1e-3 * noise[k];
            delta += 1e-6 * noise[k] * noise[k];
        }
        delta = Math.sqrt(delta);
        Landweber solver = new Landweber(t, data, t.domain().zeros(), 0.9, false);
        List<Double> residuals = new ArrayList<>();
        SolverResult result = solver.run(new CountIterations(100_000).or(new Discrepancy(delta, 2)),
                s -> residuals.add(s.residualNorm()));
        assertThat(result.stoppedBy()).as("seed %d", SEED).isInstanceOf(Discrepancy.class);
        assertThat(result.state().residualNorm()).isLessThanOrEqualTo(2 * delta);
        for (int i = 1; i < residuals.size(); i++) {
            assertThat(residuals.get(i)).as("iteration %d, seed %d", i, SEED).isLessThanOrEqualTo(residuals.get(i - 1));
        }
        assertThat(TestProblems.distance(result.state().x(), exact)).as("seed %d", SEED)
                .isLessThan(TestProblems.distance(new double[20], exact));
    }

    @Test
    void backtrackingRescuesATooLargeStepOnANonlinearProblem() {
        TestProblems.Square f = new TestProblems.Square(3);
        double[] data = {1, 4, 9};
        Landweber solver = new Landweber(f, data, new double[] {2, 2, 2}, 100, true);
        SolverResult result = solver.run(new CountIterations(500).or(new Discrepancy(1e-6, 1.5)));
        assertThat(result.stoppedBy()).isInstanceOf(Discrepancy.class);
        assertThat(result.state().x()).containsExactly(new double[] {1, 2, 3}, Offset.offset(1e-5));
        assertThat(solver.stepSize()).isLessThan(100);
    }

    @Test
    void refusesANonPositiveStepSize() {
        TestProblems.Matrix t = TestProblems.geometricDiagonal(2, 0.5);
        assertThatThrownBy(() -> new Landweber(t, new double[2], new double[2], 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("μ > 0 but got 0.0");
    }
}
