package io.github.regpy4j.operators.mri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.FourierTransform;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specific tests of {@link SobolevSmoother}: weights, constants pass, high frequencies are damped. */
@Timeout(30)
class SobolevSmootherTest {

    private static final long SEED = 20261126L;
    private static final UniformGrid GRID = UniformGrid.complex(new Axis(-1, 1, 20), new Axis(-1, 1, 20));


    @Nested
    class Contract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new SobolevSmoother(GRID, 32, 220);
        }
    }

    @Test
    void weightsFollowTheFormulaWithNormalizedFrequencies() {
        SobolevSmoother s = new SobolevSmoother(GRID, 32, 220);
        double[] w = s.weights();
        assertThat(w[0]).isEqualTo(1.0);
        // entry (0, 1): k̃ = 1/20 on an even grid
        assertThat(w[1]).isCloseTo(Math.pow(1 + 220.0 / 400, -16), Offset.offset(1e-15));
        // entry (3, 2): k̃² = (9 + 4)/400
        assertThat(w[3 * 20 + 2]).isCloseTo(Math.pow(1 + 220.0 * 13 / 400, -16), Offset.offset(1e-15));
        for (double v : w) {
            assertThat(v).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void constantsPassUnchanged() {
        SobolevSmoother s = new SobolevSmoother(GRID, 32, 220);
        double[] c = s.apply(GRID.ones());
        for (int k = 0; k < c.length; k++) {
            assertThat(c[k]).as("entry %d", k).isCloseTo(k % 2 == 0 ? 1 : 0, Offset.offset(1e-12));
        }
    }

    @Test
    void dampsEachFourierModeByItsWeight() {
        SobolevSmoother s = new SobolevSmoother(GRID, 4, 50);
        FourierTransform f = new FourierTransform(GRID);
        double[] w = s.weights();
        Random rng = new Random(SEED);
        double[] spectrum = GRID.randn(rng);
        double[] smoothedSpectrum = f.apply(s.apply(f.inverse().apply(spectrum)));
        for (int k = 0; k < w.length; k++) {
            assertThat(smoothedSpectrum[2 * k]).as("mode %d, seed %d", k, SEED).isCloseTo(w[k] * spectrum[2 * k], Offset.offset(1e-12));
            assertThat(smoothedSpectrum[2 * k + 1]).as("mode %d, seed %d", k, SEED).isCloseTo(w[k] * spectrum[2 * k + 1], Offset.offset(1e-12));
        }
    }

    @Test
    void isSelfAdjoint() {
        SobolevSmoother s = new SobolevSmoother(GRID, 32, 220);
        Random rng = new Random(SEED);
        double[] x = GRID.randn(rng);
        double[] y = GRID.randn(rng);
        assertThat(GRID.vdot(s.apply(x), y)).as("seed %d", SEED).isCloseTo(GRID.vdot(x, s.adjoint().apply(y)), Offset.offset(1e-12));
    }

    @Test
    void refusesRealGridsAndNegativeParameters() {
        assertThatThrownBy(() -> new SobolevSmoother(GRID.toReal(), 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complex grid").hasMessageContaining(GRID.toReal().toString());
        assertThatThrownBy(() -> new SobolevSmoother(GRID, -1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new SobolevSmoother(GRID, 1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }
}
