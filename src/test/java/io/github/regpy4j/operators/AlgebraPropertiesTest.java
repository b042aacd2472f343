package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.diagnostics.AdjointCheck;
import io.github.regpy4j.diagnostics.AdjointCheckResult;
import io.github.regpy4j.diagnostics.LinearityCheck;
import io.github.regpy4j.diagnostics.LinearityCheckResult;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Algebraic laws of the operator algebra, over random sizes and matrices. Each property draws a
 * {@code long seed} for its matrices and vectors; jqwik reports it (and its own seed) on failure.
 */
class AlgebraPropertiesTest {

    /** Two results that should agree up to rounding of a few dozen flops. */
    private static final double RELATIVE_TOLERANCE = 1e-12;
    /**
     * A central difference with step 1e-5 is accurate to about step²·|F‴|/6 relative to the
     * steep exp(x²)³; a wrong derivative is off by order 1.
     */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-5;
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;

    private static Operator matrix(int rows, int cols, boolean complex, Random rng) {
        return complex
                ? new ComplexMatrixOperator(Fixtures.complexMatrix(rows, cols, rng))
                : new MatrixOperator(Fixtures.realMatrix(rows, cols, rng));
    }

    @Property(tries = 100)
    void adjointOfACompositionIsTheReversedCompositionOfAdjoints(@ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll boolean complex, @ForAll long seed) {
        Random rng = new Random(seed);
        Operator a = matrix(m, n, complex, rng);
        Operator b = matrix(n, k, complex, rng);
        Operator ab = a.compose(b);
        double[] y = ab.codomain().randn(rng);
        double[] expected = b.adjoint().apply(a.adjoint().apply(y));
        assertThat(Vectors.relativeMaxDifference(ab.adjoint().apply(y), expected)).as("seed %d", seed)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        AdjointCheckResult check = AdjointCheck.run(ab, rng);
        assertThat(check.passed()).as("seed %d%n%s", seed, check).isTrue();
    }

    @Property(tries = 100)
    void linearCombinationsAreLinearAndTheirAdjointsCombineAlike(@ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll boolean complex,
            @ForAll @DoubleRange(min = -10, max = 10) double s, @ForAll @DoubleRange(min = -10, max = 10) double t,
            @ForAll long seed) {
        Random rng = new Random(seed);
        Operator a = matrix(m, n, complex, rng);
        Operator b = matrix(m, n, complex, rng);
        Operator combination = a.scale(s).plus(b.scale(t)).minus(a.negate());
        assertThat(combination.isLinear()).isTrue();
        LinearityCheckResult linearity = LinearityCheck.run(combination, rng);
        assertThat(linearity.passed()).as("seed %d%n%s", seed, linearity).isTrue();
        double[] y = combination.codomain().randn(rng);
        double[] expected = Vectors.add(Vectors.scale(s + 1, a.adjoint().apply(y)), Vectors.scale(t, b.adjoint().apply(y)));
        assertThat(Vectors.relativeMaxDifference(combination.adjoint().apply(y), expected)).as("seed %d", seed)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Property(tries = 100)
    void blockDiagonalAdjointActsBlockByBlock(@ForAll @IntRange(min = 1, max = 4) int blocks, @ForAll long seed) {
        Random rng = new Random(seed);
        Operator[] ops = new Operator[blocks];
        for (int i = 0; i < blocks; i++) {
            ops[i] = matrix(1 + rng.nextInt(4), 1 + rng.nextInt(4), rng.nextBoolean(), rng);
        }
        DirectSumOperator diag = new DirectSumOperator(ops);
        double[] y = diag.codomain().randn(rng);
        double[][] parts = diag.directSumCodomain().split(y);
        double[][] expected = new double[blocks][];
        for (int i = 0; i < blocks; i++) {
            expected[i] = ops[i].adjoint().apply(parts[i]);
        }
        assertThat(diag.adjoint().apply(y)).as("seed %d", seed)
                .containsExactly(diag.directSumDomain().join(expected), org.assertj.core.data.Offset.offset(0.0));
        AdjointCheckResult check = AdjointCheck.run(diag, rng);
        assertThat(check.passed()).as("seed %d%n%s", seed, check).isTrue();
    }

    @Property(tries = 100)
    void derivativeOfACompositionFollowsTheChainRule(@ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 1, max = 5) int m, @ForAll boolean complex, @ForAll long seed) {
        Random rng = new Random(seed);
        VectorSpace mid = complex ? VectorSpace.complex(m) : VectorSpace.real(m);
        Operator a = matrix(m, n, complex, rng).scale(0.3);
        Operator g = complex ? new SquaredModulus(mid).andThen(new Exponential(VectorSpace.real(m)))
                : new Power(mid, 2).andThen(new Exponential(mid)).andThen(new Power(mid, 3));
        Operator f = a.andThen(g);
        double[] x = f.domain().randn(rng);
        double[] h = f.domain().randn(rng);

        // Explicit chain rule: g'(a x)·(a h), and its adjoint a*·g'(a x)*.
        double[] ax = a.apply(x);
        Linearization gl = g.linearize(ax);
        double[] chain = gl.derivative().apply(a.apply(h));
        double[] y = f.codomain().randn(rng);
        double[] chainAdjoint = a.adjoint().apply(gl.derivative().adjoint().apply(y));

        Linearization fl = f.linearize(x);
        double[] dh = fl.derivative().apply(h);
        assertThat(Vectors.relativeMaxDifference(dh, chain)).as("seed %d", seed).isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        assertThat(Vectors.relativeMaxDifference(fl.derivative().adjoint().apply(y), chainAdjoint)).as("seed %d", seed)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);

        // Numerically: a central difference of f.
        double[] plus = f.apply(Vectors.add(x, Vectors.scale(FINITE_DIFFERENCE_STEP, h)));
        double[] minus = f.apply(Vectors.subtract(x, Vectors.scale(FINITE_DIFFERENCE_STEP, h)));
        double[] difference = Vectors.scale(0.5 / FINITE_DIFFERENCE_STEP, Vectors.subtract(plus, minus));
        assertThat(Vectors.relativeMaxDifference(difference, dh)).as("seed %d", seed)
                .isLessThanOrEqualTo(FINITE_DIFFERENCE_TOLERANCE);
    }

    @Property(tries = 50)
    void vectorOfOperatorsAdjointSumsTheAdjoints(@ForAll @IntRange(min = 1, max = 4) int count, @ForAll long seed) {
        Random rng = new Random(seed);
        int n = 1 + rng.nextInt(5);
        Operator[] ops = new Operator[count];
        for (int i = 0; i < count; i++) {
            ops[i] = matrix(1 + rng.nextInt(4), n, false, rng);
        }
        VectorOfOperators v = new VectorOfOperators(java.util.List.of(ops));
        double[] y = v.codomain().randn(rng);
        double[][] parts = ((DirectSum) v.codomain()).split(y);
        double[] expected = new double[n];
        for (int i = 0; i < count; i++) {
            Vectors.axpyInPlace(1, ops[i].adjoint().apply(parts[i]), expected);
        }
        assertThat(Vectors.relativeMaxDifference(v.adjoint().apply(y), expected)).as("seed %d", seed)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }
}
