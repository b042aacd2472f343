package io.github.regpy4j.operators.scattering;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Linearization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MediumScattering} against regpy's {@code MediumScatteringFixed}: the reference values of
 * {@code scripts/scattering-reference.py} (a 32×32 grid, radius 1, wave number 1, 3 incident and
 * 5 far-field directions, a fixed complex contrast that is nonzero off the support too).
 */
@Timeout(30)
class MediumScatteringRegpyTest {

    /** The agreement the issue asks of the port. */
    private static final double REGPY_TOLERANCE = 1e-6;
    /** Both compute the same kernel formula with Bessel functions good to ~1e−15. */
    private static final double KERNEL_TOLERANCE = 1e-12;

    private static RegpyReference ref;
    private static MediumScattering op;

    @BeforeAll
    static void build() {
        ref = RegpyReference.load();
        int n = (int) ref.scalar("grid_size");
        op = MediumScattering.fixed(new int[] {n, n}, ref.scalar("radius"), ref.scalar("wave_number"),
                ref.pairs("incident_directions"), ref.pairs("farfield_directions"));
    }

    /** max |x − y| / max |y|, over the complex entries. */
    private static double relativeError(double[] x, double[] y) {
        assertThat(x).hasSameSizeAs(y);
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < x.length; k += 2) {
            diff = Math.max(diff, Math.hypot(x[k] - y[k], x[k + 1] - y[k + 1]));
            scale = Math.max(scale, Math.hypot(y[k], y[k + 1]));
        }
        return diff / scale;
    }

    @Test
    void supportIsRegpys() {
        double[] expected = ref.array("support");
        boolean[] support = op.support();
        assertThat(support).hasSize(expected.length);
        for (int k = 0; k < support.length; k++) {
            assertThat(support[k]).as("support at flat index %d", k).isEqualTo(expected[k] == 1.0);
        }
    }

    @Test
    void fourierMultiplierOfTheVolumePotentialIsRegpys() {
        int n = (int) ref.scalar("grid_size");
        double h = 4 * ref.scalar("radius") / n;
        double[] multiplier = PeriodizedVolumePotential.fourierMultiplier(n, ref.scalar("wave_number") * n * h / 2);
        assertThat(relativeError(multiplier, ref.array("fourier_multiplier"))).isLessThan(KERNEL_TOLERANCE);
    }

    @Test
    void valueDerivativeAndAdjointAgreeWithRegpy() {
        Linearization lin = op.linearize(ref.array("contrast"));
        assertThat(relativeError(lin.value(), ref.array("value"))).as("value").isLessThan(REGPY_TOLERANCE);
        assertThat(relativeError(lin.derivative().apply(ref.array("direction")), ref.array("derivative")))
                .as("derivative").isLessThan(REGPY_TOLERANCE);
        assertThat(relativeError(lin.derivative().adjoint().apply(ref.array("data")), ref.array("adjoint")))
                .as("adjoint of the derivative").isLessThan(REGPY_TOLERANCE);
    }
}
