package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What each algebra operation computes, against the plain formula. */
class AlgebraValuesTest {

    private static final long SEED = 111L;
    private static final double RELATIVE_TOLERANCE = 1e-14;
    private static final VectorSpace R3 = VectorSpace.real(3);

    private final Random rng = new Random(SEED);
    private final Operator f = new Exponential(R3);
    private final Operator a = Fixtures.matrix(3, 3, SEED);
    private final double[] x = R3.randn(rng);
    private final double[] offset = R3.randn(rng);

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(Vectors.relativeMaxDifference(actual, expected)).as("%s, seed %d", what, SEED)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Test
    void andThenAppliesTheArgumentLastAndComposeFirst() {
        assertClose(f.andThen(a).apply(x), a.apply(f.apply(x)), "f.andThen(a) = a∘f");
        assertClose(f.compose(a).apply(x), f.apply(a.apply(x)), "f.compose(a) = f∘a");
    }

    @Test
    void sumsDifferencesScalingAndNegation() {
        assertClose(f.plus(a).apply(x), Vectors.add(f.apply(x), a.apply(x)), "f + a");
        assertClose(f.minus(a).apply(x), Vectors.subtract(f.apply(x), a.apply(x)), "f − a");
        assertClose(f.scale(-2.5).apply(x), Vectors.scale(-2.5, f.apply(x)), "−2.5·f");
        assertClose(f.negate().apply(x), Vectors.scale(-1, f.apply(x)), "−f");
        assertClose(a.scale(3).scale(0.5).apply(x), Vectors.scale(1.5, a.apply(x)), "0.5·(3·a)");
    }

    @Test
    void shiftsAddToTheValueAndSubtractFromTheArgument() {
        assertClose(f.shift(offset).apply(x), Vectors.add(f.apply(x), offset), "x ↦ f(x) + y₀");
        assertClose(f.shiftArgument(offset).apply(x), f.apply(Vectors.subtract(x, offset)), "x ↦ f(x − x₀)");
        double[] h = R3.randn(rng);
        double[] expected = f.linearize(Vectors.subtract(x, offset)).derivative().apply(h);
        assertClose(f.shiftArgument(offset).linearize(x).derivative().apply(h), expected, "derivative of the argument shift");
    }

    @Test
    void shiftOffsetsAreCopied() {
        double[] y0 = offset.clone();
        Operator shifted = f.shift(y0);
        double[] before = shifted.apply(x);
        y0[0] = 1e9;
        assertClose(shifted.apply(x), before, "shift after its offset array was modified");
    }

    @Test
    void derivativesFollowTheSumAndScaleRules() {
        double[] h = R3.randn(rng);
        double[] df = f.linearize(x).derivative().apply(h);
        double[] da = a.apply(h);
        assertClose(f.scale(2).minus(a).linearize(x).derivative().apply(h), Vectors.subtract(Vectors.scale(2, df), da),
                "(2f − a)'");
    }
}
