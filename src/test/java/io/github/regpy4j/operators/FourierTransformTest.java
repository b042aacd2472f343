package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specific tests of {@link FourierTransform}: known transforms, Parseval, inverse, centering. */
@Timeout(30)
class FourierTransformTest {

    private static final long SEED = 20261126L;
    /** Relative tolerance of an FFT against exact values or a naive DFT, in double precision. */
    private static final double FFT_TOLERANCE = 1e-12;


    @Nested
    class UncenteredOnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new FourierTransform(grid(true, 6, 5), false);
        }
    }

    @Nested
    class CenteredOnAnOddByEvenComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new FourierTransform(grid(true, 7, 4), true);
        }
    }

    @Nested
    class CenteredOnARealLine extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new FourierTransform(grid(false, 9), true);
        }
    }

    @Nested
    class OnAThreeDimensionalGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new FourierTransform(grid(true, 3, 4, 2), true);
        }
    }

    private static UniformGrid grid(boolean complex, int... n) {
        Axis[] axes = new Axis[n.length];
        for (int i = 0; i < n.length; i++) {
            axes[i] = new Axis(-1, 1, n[i]);
        }
        return complex ? UniformGrid.complex(axes) : UniformGrid.real(axes);
    }

    /** The unitary DFT by its definition, with optional centering (index shift by ⌊n/2⌋ in and out). */
    private static double[] naiveDft(int[] shape, double[] x, boolean centered) {
        int size = 1;
        for (int n : shape) {
            size *= n;
        }
        double[] y = new double[2 * size];
        int[] j = new int[shape.length];
        int[] k = new int[shape.length];
        for (int a = 0; a < size; a++) {
            unravel(a, shape, k);
            double re = 0, im = 0;
            for (int b = 0; b < size; b++) {
                unravel(b, shape, j);
                double phase = 0;
                for (int d = 0; d < shape.length; d++) {
                    int s = centered ? shape[d] / 2 : 0;
                    phase += (double) (j[d] - s) * (k[d] - s) / shape[d];
                }
                phase *= -2 * Math.PI;
                double c = Math.cos(phase), sn = Math.sin(phase);
                re += x[2 * b] * c - x[2 * b + 1] * sn;
                im += x[2 * b] * sn + x[2 * b + 1] * c;
            }
            y[2 * a] = re / Math.sqrt(size);
            y[2 * a + 1] = im / Math.sqrt(size);
        }
        return y;
    }

    private static void unravel(int a, int[] shape, int[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = a % shape[d];
            a /= shape[d];
        }
    }

    private static double relativeDifference(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            s += b[i] * b[i];
        }
        return Math.sqrt(d / s);
    }

    @Test
    void deltaAtTheOriginTransformsToAConstant() {
        UniformGrid g = grid(true, 8, 6);
        double[] x = g.zeros();
        x[0] = 1;
        double[] y = new FourierTransform(g).apply(x);
        for (int k = 0; k < y.length; k += 2) {
            assertThat(y[k]).as("real part of entry %d", k / 2).isCloseTo(1 / Math.sqrt(48), org.assertj.core.data.Offset.offset(1e-15));
            assertThat(y[k + 1]).as("imaginary part of entry %d", k / 2).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void aPlaneWaveTransformsToOnePeakOfHeightRootN() {
        int n0 = 8, n1 = 10, k0 = 3, k1 = 7;
        UniformGrid g = grid(true, n0, n1);
        double[] x = g.zeros();
        for (int a = 0; a < n0; a++) {
            for (int b = 0; b < n1; b++) {
                double phase = 2 * Math.PI * ((double) a * k0 / n0 + (double) b * k1 / n1);
                x[2 * (a * n1 + b)] = Math.cos(phase);
                x[2 * (a * n1 + b) + 1] = Math.sin(phase);
            }
        }
        double[] y = new FourierTransform(g).apply(x);
        double[] expected = new double[y.length];
        expected[2 * (k0 * n1 + k1)] = Math.sqrt(n0 * n1);
        assertThat(relativeDifference(y, expected)).isLessThan(FFT_TOLERANCE);
    }

    @Test
    void agreesWithTheDefinitionInOneTwoAndThreeDimensionsCenteredOrNot() {
        Random rng = new Random(SEED);
        for (int[] shape : new int[][] {{7}, {8}, {5, 4}, {3, 5, 4}}) {
            for (boolean centered : new boolean[] {false, true}) {
                UniformGrid g = grid(true, shape);
                double[] x = g.randn(rng);
                double[] y = new FourierTransform(g, centered).apply(x);
                assertThat(relativeDifference(y, naiveDft(shape, x, centered)))
                        .as("shape %s, centered %s, seed %d", java.util.Arrays.toString(shape), centered, SEED)
                        .isLessThan(FFT_TOLERANCE);
            }
        }
    }

    @Test
    void centeredTransformOfAConstantPeaksInTheMiddle() {
        for (int n : new int[] {6, 7}) {
            UniformGrid g = grid(true, n, n);
            double[] y = new FourierTransform(g, true).apply(g.ones());
            int middle = (n / 2) * n + n / 2;
            assertThat(y[2 * middle]).as("n = %d", n).isCloseTo(n, org.assertj.core.data.Offset.offset(1e-12));
            y[2 * middle] = 0;
            assertThat(VectorSpace.complex(n, n).norm(y)).as("n = %d", n).isLessThan(1e-12);
        }
    }

    @Test
    void parsevalAndInverseHoldForRealAndComplexGrids() {
        Random rng = new Random(SEED);
        for (boolean complex : new boolean[] {true, false}) {
            for (boolean centered : new boolean[] {false, true}) {
                UniformGrid g = grid(complex, 9, 12);
                FourierTransform f = new FourierTransform(g, centered);
                double[] x = g.randn(rng);
                double[] y = f.apply(x);
                assertThat(f.codomain().norm(y) / g.norm(x) - 1).as("Parseval, complex %s, centered %s, seed %d",
                        complex, centered, SEED).isBetween(-1e-13, 1e-13);
                assertThat(relativeDifference(f.inverse().apply(y), x)).as("inverse, complex %s, centered %s, seed %d",
                        complex, centered, SEED).isLessThan(FFT_TOLERANCE);
            }
        }
    }

    @Test
    void adjointSatisfiesTheRealInnerProductIdentity() {
        Random rng = new Random(SEED);
        for (boolean complex : new boolean[] {true, false}) {
            UniformGrid g = grid(complex, 6, 5);
            FourierTransform f = new FourierTransform(g, true);
            double[] x = g.randn(rng);
            double[] y = f.codomain().randn(rng);
            double lhs = f.codomain().vdot(f.apply(x), y);
            double rhs = g.vdot(x, f.adjoint().apply(y));
            assertThat(Math.abs(lhs - rhs) / (Math.abs(lhs) + Math.abs(rhs))).as("complex %s, seed %d", complex, SEED)
                    .isLessThan(1e-12);
        }
    }

    @Test
    void frequenciesFollowNumpysFftfreqAndTheCodomainMatches() {
        UniformGrid g = UniformGrid.complex(new Axis(0, 4, 5), new Axis(0, 1.5, 4));
        FourierTransform plain = new FourierTransform(g, false);
        assertThat(plain.frequencies(0)).containsExactly(new double[] {0, 0.2, 0.4, -0.4, -0.2}, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(plain.frequencies(1)).containsExactly(new double[] {0, 0.5, -1, -0.5}, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(plain.codomain()).isEqualTo(VectorSpace.complex(5, 4));
        FourierTransform centered = new FourierTransform(g, true);
        assertThat(centered.frequencies(0)).containsExactly(new double[] {-0.4, -0.2, 0, 0.2, 0.4}, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(centered.frequencies(1)).containsExactly(new double[] {-1, -0.5, 0, 0.5}, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(centered.codomain()).isInstanceOf(UniformGrid.class);
        UniformGrid fg = (UniformGrid) centered.codomain();
        assertThat(fg.axis(0).coordinates()).containsExactly(centered.frequencies(0), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fg.axis(1).coordinates()).containsExactly(centered.frequencies(1), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fg.isComplex()).isTrue();
    }

    @Test
    void refusesGridsOfMoreThanThreeAxes() {
        UniformGrid g = grid(true, 2, 2, 2, 2);
        assertThatThrownBy(() -> new FourierTransform(g)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 3 axes").hasMessageContaining(g.toString()).hasMessageContaining("has 4");
    }
}
