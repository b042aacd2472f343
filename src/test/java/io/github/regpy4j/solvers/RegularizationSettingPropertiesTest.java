package io.github.regpy4j.solvers;

import static io.github.regpy4j.hilbert.Grids.masked;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.hilbert.Grids;
import io.github.regpy4j.hilbert.Hm;
import io.github.regpy4j.hilbert.L2;
import io.github.regpy4j.operators.ComplexMatrixOperator;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;

/**
 * The Hilbert-space adjoint {@code T^# = G_X⁻¹ T* G_Y} of random linear operators from a grid
 * with {@code Hm(mask, s)} to a grid with weighted L²: {@code ⟨T h, g⟩_Y = ⟨h, T^# g⟩_X} for
 * every {@code h} supported in the mask. jqwik runs from a fixed seed; each try draws a
 * {@code long seed} for its matrices, mask and vectors, reported on failure.
 */
class RegularizationSettingPropertiesTest {

    /** Rounding of the Gram operators and a Cholesky-based inverse of condition below about 10⁶. */
    private static final double TOLERANCE = 1e-9;

    @Property(tries = 50, seed = "20261205")
    void theHilbertAdjointIsTheAdjointForTheGramInnerProducts(@ForAll @IntRange(min = 2, max = 6) int n0,
            @ForAll @IntRange(min = 2, max = 6) int n1, @ForAll @IntRange(min = 1, max = 8) int m,
            @ForAll boolean complex, @ForAll @DoubleRange(min = 0, max = 3) double s, @ForAll long seed) {
        Random rng = new Random(seed);
        UniformGrid x = Grids.grid(complex, n0, n1);
        UniformGrid y = complex ? UniformGrid.complex(new Axis(0, 1, m + 1)) : UniformGrid.real(new Axis(0, 1, m + 1));
        boolean[] mask = new boolean[x.size()];
        mask[rng.nextInt(mask.length)] = true;
        for (int k = 0; k < mask.length; k++) {
            mask[k] |= rng.nextBoolean();
        }
        double[] weights = new double[y.size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 0.2 + rng.nextDouble();
        }
        Operator t;
        if (complex) {
            ZMatrixRMaj a = new ZMatrixRMaj(y.size(), x.size());
            for (int k = 0; k < a.data.length; k++) {
                a.data[k] = rng.nextGaussian();
            }
            t = new ComplexMatrixOperator(a, x, y);
        } else {
            DMatrixRMaj a = new DMatrixRMaj(y.size(), x.size());
            for (int k = 0; k < a.data.length; k++) {
                a.data[k] = rng.nextGaussian();
            }
            t = new MatrixOperator(a, x, y);
        }
        RegularizationSetting setting = new RegularizationSetting(t, Hm.withMask(mask, s), L2.weighted(y, weights));
        Operator sharp = setting.hilbertAdjoint(t);
        double[] h = masked(x.randn(rng), mask, complex);
        double[] g = y.randn(rng);
        double left = setting.dataFidelity().inner(t.apply(h), g);
        double right = setting.penalty().inner(h, sharp.apply(g));
        double scale = setting.dataFidelity().norm(t.apply(h)) * setting.dataFidelity().norm(g)
                + setting.penalty().norm(h) * setting.penalty().norm(sharp.apply(g));
        assertThat(Math.abs(left - right)).as("|⟨T h, g⟩_Y − ⟨h, T^# g⟩_X| in %s, seed %d", setting, seed)
                .isLessThanOrEqualTo(TOLERANCE * scale);
    }
}
