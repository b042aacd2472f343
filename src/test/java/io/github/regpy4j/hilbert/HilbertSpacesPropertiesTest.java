package io.github.regpy4j.hilbert;

import static io.github.regpy4j.hilbert.Grids.dot;
import static io.github.regpy4j.hilbert.Grids.masked;
import static io.github.regpy4j.hilbert.Grids.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.vecsps.UniformGrid;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of a Sobolev space with a random mask on random small grids: {@code G} is
 * self-adjoint and positive on the masked functions, and {@code G G⁻¹ = M}. jqwik runs from a
 * fixed seed; each try draws a {@code long seed} for its grid, mask and vectors, reported on failure.
 */
class HilbertSpacesPropertiesTest {

    /** Rounding of FFTs and of a Cholesky solve with condition number below about 10⁶ (s ≤ 3, n ≤ 7). */
    private static final double TOLERANCE = 1e-9;

    @Property(tries = 60, seed = "20261205")
    void theMaskedGramIsSelfAdjointPositiveAndInvertedOnTheMask(@ForAll @IntRange(min = 2, max = 7) int n0,
            @ForAll @IntRange(min = 2, max = 7) int n1, @ForAll boolean complex, @ForAll boolean twoDimensional,
            @ForAll @DoubleRange(min = 0, max = 3) double s, @ForAll long seed) {
        Random rng = new Random(seed);
        UniformGrid g = twoDimensional ? Grids.grid(complex, n0, n1) : Grids.grid(complex, n0 * n1);
        boolean[] mask = new boolean[g.size()];
        mask[rng.nextInt(mask.length)] = true;
        for (int k = 0; k < mask.length; k++) {
            mask[k] |= rng.nextBoolean();
        }
        Hm h = Hm.on(g, mask, s);
        double[] x = g.randn(rng);
        double[] y = g.randn(rng);
        double gxy = dot(h.gram().apply(x), y);
        double xgy = dot(x, h.gram().apply(y));
        double scale = Math.sqrt(h.inner(x, x) * h.inner(y, y));
        assertThat(Math.abs(gxy - xgy)).as("⟨Gx, y⟩ − ⟨x, Gy⟩ on %s, seed %d", h, seed)
                .isLessThanOrEqualTo(TOLERANCE * scale);
        double[] inside = masked(x, mask, complex);
        assertThat(h.inner(inside, inside)).as("⟨x, Gx⟩ on %s, seed %d", h, seed)
                .isGreaterThanOrEqualTo(dot(inside, inside) * (1 - TOLERANCE));
        assertThat(relativeDifference(h.gram().apply(h.gramInverse().apply(y)), masked(y, mask, complex)))
                .as("G G⁻¹ y = M y on %s, seed %d", h, seed).isLessThanOrEqualTo(TOLERANCE);
    }
}
