package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.diagnostics.AdjointCheck;
import io.github.regpy4j.diagnostics.AdjointCheckResult;
import io.github.regpy4j.diagnostics.LinearityCheck;
import io.github.regpy4j.diagnostics.LinearityCheckResult;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import io.github.regpy4j.testing.OperatorArbitraries;
import io.github.regpy4j.testing.SpaceArbitraries;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Algebraic laws of the operator algebra, over random sizes, matrices and vectors. Every case is
 * drawn from {@link OperatorArbitraries} and {@link SpaceArbitraries}, so a failing law shrinks to
 * small matrices (towards 1×1, entries towards 0) and jqwik reports that case.
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
    /** Rounding errors of the two evaluations of F in a central difference, in ulps of |F|. */
    private static final double ROUNDING_FLOPS = 16;

    /** The largest side of a drawn matrix. */
    private static final int MAX_SIDE = 6;

    private static Arbitrary<Integer> sides(int max) {
        return Arbitraries.integers().between(1, max);
    }

    private static Arbitrary<Boolean> complexOrReal() {
        return Arbitraries.of(false, true);
    }

    private static VectorSpace space(int n, boolean complex) {
        return complex ? VectorSpace.complex(n) : VectorSpace.real(n);
    }

    private static String show(double[] v) {
        return Arrays.toString(v);
    }

    /** A ∘ B with A: m×n, B: n×k, and x, y for the adjoint check. */
    record Composition(Operator a, Operator b, double[] x, double[] y) {
        @Override
        public String toString() {
            return a + " ∘ " + b + ", x=" + show(x) + ", y=" + show(y);
        }
    }

    @Provide
    Arbitrary<Composition> compositions() {
        return Combinators.combine(sides(MAX_SIDE), sides(MAX_SIDE), sides(MAX_SIDE), complexOrReal())
                .flatAs((m, n, k, complex) -> Combinators.combine(OperatorArbitraries.matrices(m, n, complex),
                        OperatorArbitraries.matrices(n, k, complex), SpaceArbitraries.elementsOf(space(k, complex)),
                        SpaceArbitraries.elementsOf(space(m, complex))).as(Composition::new));
    }

    @Property(tries = 100)
    void adjointOfACompositionIsTheReversedCompositionOfAdjoints(@ForAll("compositions") Composition c) {
        Operator ab = c.a().compose(c.b());
        double[] expected = c.b().adjoint().apply(c.a().adjoint().apply(c.y()));
        assertThat(Vectors.relativeMaxDifference(ab.adjoint().apply(c.y()), expected)).as("%s", c)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        AdjointCheckResult check = AdjointCheck.run(ab, c.x(), c.y(), AdjointCheck.DEFAULT_TOLERANCE);
        assertThat(check.passed()).as("%s%n%s", c, check).isTrue();
    }

    /** s·A + t·B − (−A) with A, B of one shape, and x, y, y2 for the checks. */
    record Combination(Operator a, Operator b, double s, double t, double[] x, double[] x2, double[] y) {
        @Override
        public String toString() {
            return s + "·" + a + " + " + t + "·" + b + " + " + a + ", x=" + show(x) + ", x2=" + show(x2) + ", y=" + show(y);
        }
    }

    @Provide
    Arbitrary<Combination> combinations() {
        Arbitrary<Double> scalars = Arbitraries.doubles().between(-10, 10).ofScale(3);
        return Combinators.combine(sides(MAX_SIDE), sides(MAX_SIDE), complexOrReal())
                .flatAs((m, n, complex) -> Combinators.combine(OperatorArbitraries.matrices(m, n, complex),
                        OperatorArbitraries.matrices(m, n, complex), scalars, scalars,
                        SpaceArbitraries.elementsOf(space(n, complex)), SpaceArbitraries.elementsOf(space(n, complex)),
                        SpaceArbitraries.elementsOf(space(m, complex))).as(Combination::new));
    }

    @Property(tries = 100)
    void linearCombinationsAreLinearAndTheirAdjointsCombineAlike(@ForAll("combinations") Combination c) {
        Operator combination = c.a().scale(c.s()).plus(c.b().scale(c.t())).minus(c.a().negate());
        assertThat(combination.isLinear()).isTrue();
        LinearityCheckResult linearity = LinearityCheck.run(combination, c.x(), c.x2(), c.s(), c.t(),
                LinearityCheck.DEFAULT_TOLERANCE);
        assertThat(linearity.passed()).as("%s%n%s", c, linearity).isTrue();
        double[] expected = Vectors.add(Vectors.scale(c.s() + 1, c.a().adjoint().apply(c.y())),
                Vectors.scale(c.t(), c.b().adjoint().apply(c.y())));
        assertThat(Vectors.relativeMaxDifference(combination.adjoint().apply(c.y()), expected)).as("%s", c)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    /** Blocks of any shapes, real or complex, and x, y for the checks. */
    record Blocks(List<Operator> ops, double[] x, double[] y) {
        @Override
        public String toString() {
            return ops + ", x=" + show(x) + ", y=" + show(y);
        }
    }

    @Provide
    Arbitrary<Blocks> blocks() {
        return OperatorArbitraries.anyMatrices(4).list().ofMinSize(1).ofMaxSize(4).flatMap(ops -> {
            DirectSumOperator diag = new DirectSumOperator(ops.toArray(new Operator[0]));
            return Combinators.combine(SpaceArbitraries.elementsOf(diag.domain()),
                    SpaceArbitraries.elementsOf(diag.codomain())).as((x, y) -> new Blocks(ops, x, y));
        });
    }

    @Property(tries = 100)
    void blockDiagonalAdjointActsBlockByBlock(@ForAll("blocks") Blocks c) {
        DirectSumOperator diag = new DirectSumOperator(c.ops().toArray(new Operator[0]));
        double[][] parts = diag.directSumCodomain().split(c.y());
        double[][] expected = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            expected[i] = c.ops().get(i).adjoint().apply(parts[i]);
        }
        assertThat(diag.adjoint().apply(c.y())).as("%s", c)
                .containsExactly(diag.directSumDomain().join(expected), org.assertj.core.data.Offset.offset(0.0));
        AdjointCheckResult check = AdjointCheck.run(diag, c.x(), c.y(), AdjointCheck.DEFAULT_TOLERANCE);
        assertThat(check.passed()).as("%s%n%s", c, check).isTrue();
    }

    /** F = g ∘ A with A = 0.3·(m×n matrix), at x in direction h, and y for the adjoint. */
    record Chain(Operator a, boolean complex, double[] x, double[] h, double[] y) {
        @Override
        public String toString() {
            return "g ∘ 0.3·" + a + ", x=" + show(x) + ", h=" + show(h) + ", y=" + show(y);
        }
    }

    @Provide
    Arbitrary<Chain> chains() {
        return Combinators.combine(sides(5), sides(5), complexOrReal())
                .flatAs((n, m, complex) -> Combinators.combine(OperatorArbitraries.matrices(m, n, complex),
                        SpaceArbitraries.elementsOf(space(n, complex)), SpaceArbitraries.elementsOf(space(n, complex)),
                        SpaceArbitraries.elementsOf(VectorSpace.real(m))).as((a, x, h, y) -> new Chain(a, complex, x, h, y)));
    }

    @Property(tries = 100)
    void derivativeOfACompositionFollowsTheChainRule(@ForAll("chains") Chain c) {
        Operator a = c.a().scale(0.3);
        int m = c.a().codomain().size();
        VectorSpace mid = space(m, c.complex());
        Operator g = c.complex() ? new SquaredModulus(mid).andThen(new Exponential(VectorSpace.real(m)))
                : new Power(mid, 2).andThen(new Exponential(mid)).andThen(new Power(mid, 3));
        Operator f = a.andThen(g);
        double[] x = c.x();
        double[] h = c.h();
        double[] y = c.y();

        // Explicit chain rule: g'(a x)·(a h), and its adjoint a*·g'(a x)*.
        double[] ax = a.apply(x);
        Linearization gl = g.linearize(ax);
        double[] chain = gl.derivative().apply(a.apply(h));
        double[] chainAdjoint = a.adjoint().apply(gl.derivative().adjoint().apply(y));

        Linearization fl = f.linearize(x);
        double[] dh = fl.derivative().apply(h);
        assertThat(Vectors.relativeMaxDifference(dh, chain)).as("%s", c).isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        assertThat(Vectors.relativeMaxDifference(fl.derivative().adjoint().apply(y), chainAdjoint)).as("%s", c)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);

        // Numerically: a central difference of f, with a step of length FINITE_DIFFERENCE_STEP
        // whatever ‖h‖ is (a shrunk h of 1e-6 would otherwise drown the difference in rounding).
        double step = FINITE_DIFFERENCE_STEP / Math.max(f.domain().norm(h), Double.MIN_NORMAL);
        double[] plus = f.apply(Vectors.add(x, Vectors.scale(step, h)));
        double[] minus = f.apply(Vectors.subtract(x, Vectors.scale(step, h)));
        double[] difference = Vectors.scale(0.5 / step, Vectors.subtract(plus, minus));
        // Where F'(x)h is tiny (x and h shrunk towards 0), the rounding of F(x ± step·h), about
        // ulp(|F|)/step, decides; the bound allows it.
        double rounding = ROUNDING_FLOPS * Math.ulp(maxAbs(f.apply(x))) / step;
        assertThat(maxAbs(Vectors.subtract(difference, dh))).as("%s", c)
                .isLessThanOrEqualTo(FINITE_DIFFERENCE_TOLERANCE * maxAbs(dh) + rounding);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /** Real matrices with n columns stacked by a VectorOfOperators, and y in its codomain. */
    record Stack(List<Operator> ops, double[] y) {
        @Override
        public String toString() {
            return ops + ", y=" + show(y);
        }
    }

    @Provide
    Arbitrary<Stack> stacks() {
        return sides(5).flatMap(n -> sides(4).flatMap(rows -> OperatorArbitraries.matrices(rows, n, false))
                .list().ofMinSize(1).ofMaxSize(4)
                .flatMap(ops -> SpaceArbitraries.elementsOf(new VectorOfOperators(ops).codomain())
                        .map(y -> new Stack(ops, y))));
    }

    @Property(tries = 50)
    void vectorOfOperatorsAdjointSumsTheAdjoints(@ForAll("stacks") Stack c) {
        VectorOfOperators v = new VectorOfOperators(c.ops());
        double[][] parts = ((DirectSum) v.codomain()).split(c.y());
        double[] expected = new double[v.domain().realSize()];
        for (int i = 0; i < parts.length; i++) {
            Vectors.axpyInPlace(1, c.ops().get(i).adjoint().apply(parts[i]), expected);
        }
        assertThat(Vectors.relativeMaxDifference(v.adjoint().apply(c.y()), expected)).as("%s", c)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }
}
