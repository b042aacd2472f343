package io.github.regpy4j.operators.mri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.CoordinateMask;
import io.github.regpy4j.operators.FourierTransform;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.operators.VectorOfOperators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of the {@link ParallelMri} builder and the coil operator it makes. */
@Timeout(30)
class ParallelMriTest {

    private static final long SEED = 20261126L;
    private static final double TOLERANCE = 1e-12;
    private static final UniformGrid GRID = UniformGrid.complex(new Axis(-1, 1, 8), new Axis(-1, 1, 6));


    @Nested
    class CoilOperatorContract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return ParallelMri.coilOperator(GRID, everyOtherRow(), new SobolevSmoother(GRID, 4, 30));
        }
    }

    @Nested
    class ThreeCoilsSequentiallyContract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new VectorOfOperators(
                    ParallelMri.coilOperators(GRID, 3, everyOtherRow(), new SobolevSmoother(GRID, 4, 30)),
                    ParallelMri.jointDomain(GRID, 3), ParallelMri.distribution(3));
        }
    }

    static boolean[] everyOtherRow() {
        boolean[] m = new boolean[48];
        for (int k = 0; k < m.length; k++) {
            m[k] = (k / 6) % 2 == 0 || k / 6 == 7;
        }
        return m;
    }

    @Test
    void coilOperatorIsMaskTimesFourierOfDensityTimesSmoothedCoil() {
        SobolevSmoother s = new SobolevSmoother(GRID, 4, 30);
        Operator t = ParallelMri.coilOperator(GRID, everyOtherRow(), s);
        Random rng = new Random(SEED);
        double[] rho = GRID.randn(rng);
        double[] chat = GRID.randn(rng);
        double[] expected = new CoordinateMask(VectorSpace.complex(8, 6), everyOtherRow())
                .apply(new FourierTransform(GRID).apply(Vectors.complexMultiply(rho, s.apply(chat))));
        double[] actual = t.apply(new DirectSum(GRID, GRID).join(rho, chat));
        assertThat(Vectors.relativeMaxDifference(actual, expected)).as("seed %d", SEED).isLessThan(TOLERANCE);
        assertThat(t.domain()).isEqualTo(new DirectSum(GRID, GRID));
        assertThat(t.codomain()).isEqualTo(VectorSpace.complex(30));
    }

    @Test
    void derivativeOfTheCoilOperatorHasAMatchingAdjoint() {
        Operator t = ParallelMri.coilOperator(GRID, everyOtherRow(), new SobolevSmoother(GRID, 4, 30));
        Random rng = new Random(SEED);
        Linearization lin = t.linearize(t.domain().randn(rng));
        double[] h = t.domain().randn(rng);
        double[] y = t.codomain().randn(rng);
        double lhs = t.codomain().vdot(lin.derivative().apply(h), y);
        double rhs = t.domain().vdot(h, lin.derivative().adjoint().apply(y));
        assertThat(Math.abs(lhs - rhs) / (Math.abs(lhs) + Math.abs(rhs))).as("seed %d", SEED).isLessThan(TOLERANCE);
    }

    @Test
    void buildsOneFreshOperatorPerCoilAndTheDistribution() {
        List<Operator> ops = ParallelMri.coilOperators(GRID, 3, everyOtherRow(), new SobolevSmoother(GRID, 4, 30));
        assertThat(ops).hasSize(3).doesNotHaveDuplicates();
        assertThat(ParallelMri.distribution(3)).isDeepEqualTo(new boolean[][] {
            {true, true, false, false}, {true, false, true, false}, {true, false, false, true}});
        DirectSum d = ParallelMri.jointDomain(GRID, 3);
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.summands()).containsOnly(GRID);
    }

    @Test
    void normalizeMultipliesTheDensityByTheRootSumOfSquaresOfTheCoils() {
        UniformGrid g = UniformGrid.complex(new Axis(0, 1, 2));
        DirectSum d = ParallelMri.jointDomain(g, 2);
        double[] x = d.join(new double[] {1, 1, 2, 0}, new double[] {3, 0, 0, 0}, new double[] {0, 4, 0, 1});
        assertThat(ParallelMri.normalize(d, x)).containsExactly(new double[] {5, 5, 2, 0}, Offset.offset(1e-15));
    }

    @Test
    void refusesRealGridsAndNoCoils() {
        assertThatThrownBy(() -> ParallelMri.coilOperator(GRID.toReal(), everyOtherRow(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("complex grid");
        assertThatThrownBy(() -> ParallelMri.distribution(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 coil but got 0");
    }
}
