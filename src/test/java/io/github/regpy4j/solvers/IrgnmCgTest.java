package io.github.regpy4j.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link IrgnmCg} on the nonlinear problem {@code x∘x = y}. */
@Timeout(30)
class IrgnmCgTest {

    private static final long SEED = 20261126L;
    private static final int N = 25;

    private record Problem(double[] exact, double[] data, double delta) {}

    private static Problem problem(double noise) {
        Random rng = new Random(SEED);
        double[] exact = new double[N];
        double[] data = new double[N];
        double sq = 0;
        for (int k = 0; k < N; k++) {
            exact[k] = 1 + rng.nextDouble();
            double e = noise * rng.nextGaussian();
            data[k] = exact[k] * exact[k] + e;
            sq += e * e;
        }
        return new Problem(exact, data, Math.sqrt(sq));
    }

    private static double[] constant(double v) {
        double[] x = new double[N];
        java.util.Arrays.fill(x, v);
        return x;
    }

    @Test
    void errorDecreasesAndTheDiscrepancyPrincipleStops() {
        Problem p = problem(1e-3);
        IrgnmCg solver = IrgnmCg.builder(new TestProblems.Square(N), p.data()).init(constant(1.5)).alpha0(1)
                .alphaStep(0.5).build();
        List<IterationState> states = new ArrayList<>();
        SolverResult result = solver.run(new CountIterations(50).or(new Discrepancy(p.delta(), 1.5)), states::add);
        assertThat(result.stoppedBy()).as("seed %d", SEED).isInstanceOf(Discrepancy.class);
        double first = TestProblems.distance(states.get(0).x(), p.exact());
        double last = TestProblems.distance(result.state().x(), p.exact());
        assertThat(last).as("seed %d", SEED).isLessThan(0.01 * first);
        assertThat(states.get(0).iteration()).isZero();
        assertThat(states.get(states.size() - 1)).isSameAs(result.state());
    }

    @Test
    void regularizationParametersFormAGeometricSequence() {
        Problem p = problem(0);
        IrgnmCg solver = IrgnmCg.builder(new TestProblems.Square(N), p.data()).init(constant(1.5)).alpha0(2)
                .alphaStep(0.25).build();
        assertThat(solver.state().regularizationParameter()).isNaN();
        double expected = 2;
        for (int i = 1; i <= 4; i++) {
            IterationState s = solver.next();
            assertThat(s.iteration()).isEqualTo(i);
            assertThat(s.regularizationParameter()).isCloseTo(expected, Offset.offset(1e-15));
            assertThat(s.innerIterations()).isPositive();
            expected *= 0.25;
        }
        assertThat(solver.nextRegularizationParameter()).isCloseTo(expected, Offset.offset(1e-15));
    }

    @Test
    void untilYieldsTheInitialStateThenEachIterationUpToTheStop() {
        Problem p = problem(0);
        IrgnmCg solver = IrgnmCg.builder(new TestProblems.Square(N), p.data()).init(constant(1.5)).build();
        List<Integer> seen = new ArrayList<>();
        for (IterationState s : solver.until(new CountIterations(3))) {
            seen.add(s.iteration());
        }
        assertThat(seen).containsExactly(0, 1, 2, 3);
    }

    @Test
    void regularizesTowardsTheInitialGuess() {
        // with a huge α the step stays near x₀ − xₙ = 0
        Problem p = problem(0);
        IrgnmCg solver = IrgnmCg.builder(new TestProblems.Square(N), p.data()).init(constant(1.5)).alpha0(1e9).build();
        IterationState s = solver.next();
        assertThat(TestProblems.distance(s.x(), constant(1.5))).isLessThan(1e-6);
    }

    @Test
    void refusesBadParameters() {
        IrgnmCg.Builder b = IrgnmCg.builder(new TestProblems.Square(N), new double[N]);
        assertThatThrownBy(() -> b.alpha0(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("α₀ > 0 but got -1.0");
        assertThatThrownBy(() -> b.alphaStep(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < q < 1 but got 1.0");
        assertThatThrownBy(() -> IrgnmCg.builder(new TestProblems.Square(N), new double[N - 1]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length " + (N - 1)).hasMessageContaining("needs " + N);
    }
}
