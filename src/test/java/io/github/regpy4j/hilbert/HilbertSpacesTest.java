package io.github.regpy4j.hilbert;

import static io.github.regpy4j.hilbert.Grids.denseSobolevGram;
import static io.github.regpy4j.hilbert.Grids.disc;
import static io.github.regpy4j.hilbert.Grids.dot;
import static io.github.regpy4j.hilbert.Grids.grid;
import static io.github.regpy4j.hilbert.Grids.masked;
import static io.github.regpy4j.hilbert.Grids.multiply;
import static io.github.regpy4j.hilbert.Grids.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mathematics of the Hilbert spaces: inner products, Gram matrices, inverses, positivity. */
@Timeout(60)
class HilbertSpacesTest {

    private static final long SEED = 20261205L;
    /** An FFT against the naive DFT, or two FFT paths: rounding of O(N log N) flops. */
    private static final double FFT_TOLERANCE = 1e-12;
    /** Sums of a few dozen products in another order. */
    private static final double SUM_TOLERANCE = 1e-14;
    /**
     * G G⁻¹ against the identity: the masked inverse is a Cholesky solve of a matrix whose
     * condition number is about max ω / min ω ≤ 10⁴ on these grids, so ≈ 10⁴ · 10⁻¹⁶ lost, with margin.
     */
    private static final double INVERSE_TOLERANCE = 1e-10;

    @Test
    void l2IsTheRectangleRuleWeightedByTheCellVolume() {
        UniformGrid g = UniformGrid.real(new Axis(0, 2, 5), new Axis(-1, 2, 4));
        Random rng = new Random(SEED);
        double[] w = new double[g.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.1 + rng.nextDouble();
        }
        double[] x = g.randn(rng);
        double[] y = g.randn(rng);
        double expected = 0;
        for (int k = 0; k < x.length; k++) {
            expected += 0.5 * 1.0 * w[k] * x[k] * y[k];
        }
        L2 weighted = L2.weighted(g, w);
        assertThat(weighted.volumeElement()).isEqualTo(0.5);
        assertThat(weighted.inner(x, y)).as("seed %d", SEED).isCloseTo(expected, org.assertj.core.api.Assertions
                .within(SUM_TOLERANCE * Math.abs(expected) + 1e-300));
        HilbertSpace plain = L2.on(g);
        assertThat(plain.inner(x, y)).as("seed %d", SEED)
                .isCloseTo(0.5 * dot(x, y), org.assertj.core.api.Assertions.within(SUM_TOLERANCE * Math.abs(dot(x, y))));
        assertThat(plain.norm(x)).isCloseTo(Math.sqrt(0.5 * dot(x, x)),
                org.assertj.core.api.Assertions.within(SUM_TOLERANCE));
    }

    @Test
    void l2OnASpaceThatIsNotAGridIsEuclidean() {
        VectorSpace plain = VectorSpace.complex(4);
        HilbertSpace h = L2.on(plain);
        assertThat(h).isInstanceOf(Euclidean.class);
        assertThat(h.isEuclidean()).isTrue();
        assertThat(L2.on(grid(false, 3)).isEuclidean()).as("L2 on a grid carries the cell volume").isFalse();
        double[] x = plain.randn(new Random(SEED));
        assertThat(h.norm(x)).isEqualTo(plain.norm(x));
    }

    @Test
    void sobolevGramEqualsTheNaiveDftOnRealAndComplexGrids() {
        record Case(UniformGrid grid, double s) {}
        for (Case c : List.of(new Case(grid(false, 6, 5), 2), new Case(grid(true, 7), 1.5),
                new Case(grid(true, 3, 2, 4), 1))) {
            Hm h = Hm.on(c.grid(), c.s());
            double[] x = c.grid().randn(new Random(SEED));
            double[] expected = multiply(denseSobolevGram(c.grid(), c.s()), x, c.grid().isComplex());
            assertThat(relativeDifference(h.gram().apply(x), expected)).as("%s, seed %d", h, SEED)
                    .isLessThanOrEqualTo(FFT_TOLERANCE);
        }
    }

    @Test
    void aFourierModeHasTheNormOfItsFrequency() {
        int n = 8;
        UniformGrid g = UniformGrid.complex(new Axis(0, 3.5, n)); // h = 0.5, longest side L = 3.5
        double s = 2;
        Hm h = Hm.on(g, s);
        for (int k = -n / 2; k < n / 2; k++) {
            double[] mode = new double[2 * n];
            for (int j = 0; j < n; j++) {
                mode[2 * j] = Math.cos(2 * Math.PI * k * j / n);
                mode[2 * j + 1] = Math.sin(2 * Math.PI * k * j / n);
            }
            double xi = 3.5 * k / (n * 0.5);
            double expected = Math.pow(1 + xi * xi, s) * dot(mode, mode);
            assertThat(h.inner(mode, mode)).as("mode k = %d", k)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(FFT_TOLERANCE * expected));
        }
    }

    @Test
    void theSobolevNormDoesNotDependOnTheUnitOfLength() {
        UniformGrid unit = UniformGrid.real(new Axis(-1, 1, 6), new Axis(0, 1, 4));
        UniformGrid scaled = UniformGrid.real(new Axis(-10, 10, 6), new Axis(0, 10, 4));
        double[] x = unit.randn(new Random(SEED));
        assertThat(relativeDifference(Hm.on(scaled, 2).gram().apply(x), Hm.on(unit, 2).gram().apply(x)))
                .as("seed %d", SEED).isLessThanOrEqualTo(FFT_TOLERANCE);
    }

    @Test
    void theGramOperatorTimesItsInverseIsTheIdentity() {
        UniformGrid g = grid(true, 6, 5);
        double[] w = new double[g.size()];
        Arrays.fill(w, 3.0);
        for (HilbertSpace h : List.of(Euclidean.on(g), L2.on(g), L2.weighted(g, w), Hm.on(g, 0), Hm.on(g, 2),
                Hm.on(g, 3.5))) {
            double[] y = g.randn(new Random(SEED));
            assertThat(relativeDifference(h.gram().apply(h.gramInverse().apply(y)), y)).as("G G⁻¹ of %s, seed %d", h,
                    SEED).isLessThanOrEqualTo(FFT_TOLERANCE);
            assertThat(relativeDifference(h.gramInverse().apply(h.gram().apply(y)), y)).as("G⁻¹ G of %s, seed %d", h,
                    SEED).isLessThanOrEqualTo(FFT_TOLERANCE);
        }
    }

    @Test
    void theMaskedGramIsTheWholeGridGramOfTheMaskedPartExtendedByZero() {
        UniformGrid g = grid(true, 8, 7);
        boolean[] mask = disc(g, 0.7);
        Hm h = Hm.on(g, mask, 2);
        double[] x = g.randn(new Random(SEED));
        double[] expected = masked(multiply(denseSobolevGram(g, 2), masked(x, mask, true), true), mask, true);
        assertThat(relativeDifference(h.gram().apply(x), expected)).as("seed %d", SEED)
                .isLessThanOrEqualTo(FFT_TOLERANCE);
    }

    @Test
    void theMaskedInverseInvertsOnTheSupportAndVanishesOutsideIt() {
        for (boolean complex : new boolean[] {false, true}) {
            UniformGrid g = grid(complex, 12, 12);
            boolean[] mask = disc(g, 0.75);
            Hm h = Hm.on(g, mask, 2);
            Random rng = new Random(SEED);
            double[] y = g.randn(rng);
            double[] inv = h.gramInverse().apply(y);
            assertThat(inv).as("G⁻¹ y outside the mask").isEqualTo(masked(inv, mask, complex));
            assertThat(relativeDifference(h.gram().apply(inv), masked(y, mask, complex)))
                    .as("G G⁻¹ y = M y on %s, seed %d", h, SEED).isLessThanOrEqualTo(INVERSE_TOLERANCE);
            double[] x = g.randn(rng);
            assertThat(relativeDifference(h.gramInverse().apply(h.gram().apply(x)), masked(x, mask, complex)))
                    .as("G⁻¹ G x = M x on %s, seed %d", h, SEED).isLessThanOrEqualTo(INVERSE_TOLERANCE);
        }
    }

    @Test
    void gramOperatorsArePositiveAndTheMaskedOneIsBlindOutsideTheMask() {
        UniformGrid g = grid(true, 8, 8);
        boolean[] mask = disc(g, 0.8);
        Random rng = new Random(SEED);
        for (HilbertSpace h : List.of(L2.on(g), Hm.on(g, 1), Hm.on(g, 2))) {
            for (int trial = 0; trial < 20; trial++) {
                double[] x = g.randn(rng);
                // every eigenvalue of these Gram operators is at least the smallest weight: v for L2, 1 for Hm
                double floor = h instanceof L2 l ? l.volumeElement() : 1.0;
                assertThat(h.inner(x, x)).as("⟨x, Gx⟩ of %s, trial %d, seed %d", h, trial, SEED)
                        .isGreaterThanOrEqualTo(floor * dot(x, x) * (1 - FFT_TOLERANCE));
                assertThat(h.inner(x, h.gramInverse().apply(x))).as("⟨x, G⁻¹x⟩ of %s", h).isPositive();
            }
        }
        Hm onDisc = Hm.on(g, mask, 2);
        boolean[] outside = new boolean[mask.length];
        for (int k = 0; k < mask.length; k++) {
            outside[k] = !mask[k];
        }
        for (int trial = 0; trial < 20; trial++) {
            double[] inside = masked(g.randn(rng), mask, true);
            assertThat(onDisc.inner(inside, inside)).as("⟨x, Gx⟩ for x supported in the mask, trial %d, seed %d",
                    trial, SEED).isGreaterThanOrEqualTo(dot(inside, inside) * (1 - FFT_TOLERANCE));
            assertThat(onDisc.inner(inside, onDisc.gramInverse().apply(inside))).isPositive();
            double[] away = masked(g.randn(rng), outside, true);
            assertThat(onDisc.norm(away)).as("norm of a function supported outside the mask").isZero();
        }
    }

    @Test
    void aMaskThatSelectsEverythingIsTheWholeGrid() {
        UniformGrid g = grid(false, 5, 6);
        boolean[] all = new boolean[g.size()];
        Arrays.fill(all, true);
        double[] x = g.randn(new Random(SEED));
        assertThat(Hm.on(g, all, 2).gram().apply(x)).isEqualTo(Hm.on(g, 2).gram().apply(x));
        assertThat(Hm.on(g, all, 2).gramInverse().apply(x)).isEqualTo(Hm.on(g, 2).gramInverse().apply(x));
    }

    @Test
    void abstractSpacesBecomeConcreteOnTheirVectorSpace() {
        UniformGrid g = grid(true, 6, 6);
        boolean[] mask = disc(g, 0.7);
        assertThat(Hm.withMask(mask, 2).concreteOn(g)).isEqualTo(Hm.on(g, mask, 2));
        assertThat(Hm.withIndex(1.5).concreteOn(g)).isEqualTo(Hm.on(g, 1.5));
        AbstractSpace l2 = L2::on;
        assertThat(l2.concreteOn(g)).isEqualTo(L2.on(g));
        assertThatThrownBy(() -> Hm.withMask(mask, 2).concreteOn(VectorSpace.complex(36)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UniformGrid")
                .hasMessageContaining("ArraySpace[36, complex]");
        HilbertSpace concrete = L2.on(g);
        assertThat(concrete.concreteOn(g)).isSameAs(concrete);
        assertThatThrownBy(() -> concrete.concreteOn(grid(true, 6, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lives on " + g);
    }

    @Test
    void badArgumentsAreRefusedSayingWhatWasExpected() {
        UniformGrid g = grid(true, 4, 4);
        assertThatThrownBy(() -> Hm.on(g, new boolean[15], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 16 entries").hasMessageContaining("has 15");
        assertThatThrownBy(() -> Hm.on(g, new boolean[16], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selects no point");
        assertThatThrownBy(() -> Hm.on(g, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("≥ 0 but is -1.0");
        assertThatThrownBy(() -> Hm.on(g, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        double[] w = new double[16];
        Arrays.fill(w, 1);
        w[3] = 0;
        assertThatThrownBy(() -> L2.weighted(g, w)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight 3 is 0.0");
        assertThatThrownBy(() -> L2.weighted(g, new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 16 weights but got 3");
        UniformGrid large = grid(false, 65, 65);
        boolean[] tooMany = new boolean[large.size()];
        Arrays.fill(tooMany, true);
        tooMany[0] = false;
        assertThatThrownBy(() -> Hm.on(large, tooMany, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 4096").hasMessageContaining("selects 4224");
    }
}
