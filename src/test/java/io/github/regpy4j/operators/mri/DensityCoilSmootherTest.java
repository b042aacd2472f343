package io.github.regpy4j.operators.mri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link DensityCoilSmoother}: the density passes, the coil is smoothed. */
@Timeout(30)
class DensityCoilSmootherTest {

    private static final long SEED = 20261126L;
    private static final UniformGrid GRID = UniformGrid.complex(new Axis(-1, 1, 6), new Axis(-1, 1, 5));

    @Nested
    class Contract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new DensityCoilSmoother(new SobolevSmoother(GRID, 8, 40));
        }
    }

    @Test
    void passesTheDensityAndSmoothsTheCoil() {
        SobolevSmoother s = new SobolevSmoother(GRID, 8, 40);
        DensityCoilSmoother d = new DensityCoilSmoother(s);
        Random rng = new Random(SEED);
        double[] rho = GRID.randn(rng);
        double[] chat = GRID.randn(rng);
        DirectSum pair = new DirectSum(GRID, GRID);
        double[][] out = pair.split(d.apply(pair.join(rho, chat)));
        assertThat(out[0]).containsExactly(rho, Offset.offset(0.0));
        assertThat(out[1]).containsExactly(s.apply(chat), Offset.offset(1e-15));
    }

    @Test
    void refusesANonlinearOrNonSquareSmoother() {
        assertThatThrownBy(() -> new DensityCoilSmoother(new CoilMultiplication(GRID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonlinear");
        assertThatThrownBy(() -> new DensityCoilSmoother(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThat(new DensityCoilSmoother(new Identity(GRID)).domain()).isEqualTo(new DirectSum(GRID, GRID));
    }
}
