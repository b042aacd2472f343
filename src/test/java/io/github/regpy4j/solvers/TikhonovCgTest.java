package io.github.regpy4j.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.hilbert.DiagonalGram;
import io.github.regpy4j.hilbert.Euclidean;
import io.github.regpy4j.hilbert.HilbertSpace;
import io.github.regpy4j.hilbert.L2;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link TikhonovCg} against the normal equation solved directly with EJML. */
@Timeout(30)
class TikhonovCgTest {

    private static final long SEED = 20261126L;
    /** Relative tolerance of the CG minimizer against the direct solve. */
    private static final double SOLVE_TOLERANCE = 1e-8;
    /**
     * Relative distance of two iterates that differ only in the rounding of their step sizes. The
     * differences compound from step to step: 1.1e-12 after the 16 steps of the tolY stop below.
     */
    private static final double ROUNDING_TOLERANCE = 1e-10;

    private static double[][] randomMatrix(Random rng, int m, int n) {
        double[][] a = new double[m][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return a;
    }

    /** Solves (AᵀA + αI) h = Aᵀ r + α h_ref. */
    private static double[] directMinimizer(double[][] a, double[] r, double alpha, double[] hRef) {
        int m = a.length, n = a[0].length;
        DMatrixRMaj am = new DMatrixRMaj(a);
        DMatrixRMaj normal = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(am, am, normal);
        for (int i = 0; i < n; i++) {
            normal.add(i, i, alpha);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(am, new DMatrixRMaj(m, 1, true, r), rhs);
        for (int i = 0; i < n; i++) {
            rhs.add(i, 0, alpha * hRef[i]);
        }
        DMatrixRMaj h = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(normal, rhs, h)).isTrue();
        return h.data;
    }

    @Test
    void findsTheMinimizerOfTheTikhonovFunctional() {
        Random rng = new Random(SEED);
        double[][] a = randomMatrix(rng, 9, 6);
        TestProblems.Matrix t = new TestProblems.Matrix(a);
        double[] r = t.codomain().randn(rng);
        double[] hRef = t.domain().randn(rng);
        double alpha = 0.3;
        TikhonovCg.Options tight = new TikhonovCg.Options(100, Double.NaN, Double.NaN, 1e-12, false);
        TikhonovCg.Result result = TikhonovCg.solve(t, r, alpha, hRef, tight);
        double[] expected = directMinimizer(a, r, alpha, hRef);
        assertThat(TestProblems.distance(result.h(), expected) / t.domain().norm(expected))
                .as("seed %d, %d CG steps", SEED, result.iterations()).isLessThan(SOLVE_TOLERANCE);
        assertThat(result.converged()).isTrue();
    }

    @Test
    void irgnmDefaultsStopEarlyWithARelativeError() {
        Random rng = new Random(SEED);
        TestProblems.Matrix t = TestProblems.geometricDiagonal(40, 0.9);
        double[] r = t.codomain().randn(rng);
        double alpha = 1e-3;
        TikhonovCg.Result result = TikhonovCg.solve(t, r, alpha, null, TikhonovCg.Options.irgnmDefaults());
        assertThat(result.converged()).as("seed %d", SEED).isTrue();
        assertThat(result.iterations()).as("seed %d", SEED).isLessThan(40);
        double[] exact = directMinimizer(t.a, r, alpha, new double[40]);
        // the relative tolerance 1/3 bounds the relative error by 1/3
        assertThat(TestProblems.distance(result.h(), exact) / t.domain().norm(exact)).as("seed %d", SEED)
                .isLessThan(1.0 / 3);
    }

    @Test
    void stopsAtTheIterationLimit() {
        Random rng = new Random(SEED);
        TestProblems.Matrix t = TestProblems.geometricDiagonal(30, 0.8);
        TikhonovCg.Options three = new TikhonovCg.Options(3, Double.NaN, Double.NaN, 1e-300, false);
        TikhonovCg.Result result = TikhonovCg.solve(t, t.codomain().randn(rng), 1e-6, null, three);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.converged()).isFalse();
    }

    @Test
    void zeroRightHandSideGivesZeroAtOnce() {
        TestProblems.Matrix t = TestProblems.geometricDiagonal(5, 0.5);
        TikhonovCg.Result result = TikhonovCg.solve(t, new double[5], 1, null, TikhonovCg.Options.irgnmDefaults());
        assertThat(result.iterations()).isZero();
        assertThat(result.h()).containsOnly(0.0);
    }

    @Test
    void aPlainNormInXTakesTheStepsOfTheGeneralPathToTheLastBit() {
        Random rng = new Random(SEED + 1);
        TestProblems.Matrix t = new TestProblems.Matrix(randomMatrix(rng, 30, 20));
        double[] r = t.codomain().randn(rng);
        double[] hRef = t.domain().randn(rng);
        // An identity in X that is not Identity: the general path, with G_X h and G_X d kept.
        RegularizationSetting general = new RegularizationSetting(t, ExactCopySpace::new, Euclidean::on);
        for (int steps : new int[] {1, 4, 25}) {
            TikhonovCg.Options fixed = new TikhonovCg.Options(steps, Double.NaN, Double.NaN, 1e-300, false);
            TikhonovCg.Result plain = TikhonovCg.solve(RegularizationSetting.euclidean(t), r, 0.05, hRef, fixed);
            TikhonovCg.Result other = TikhonovCg.solve(general, r, 0.05, hRef, fixed);
            assertThat(plain.iterations()).as("seed %d, %d steps", SEED + 1, steps).isEqualTo(other.iterations());
            assertThat(plain.h()).as("seed %d, %d steps", SEED + 1, steps).isEqualTo(other.h());
        }
        TikhonovCg.Options defaults = TikhonovCg.Options.irgnmDefaults();
        TikhonovCg.Result plain = TikhonovCg.solve(RegularizationSetting.euclidean(t), r, 0.05, null, defaults);
        TikhonovCg.Result other = TikhonovCg.solve(general, r, 0.05, null, defaults);
        assertThat(plain.iterations()).as("seed %d, stopped by the tolerances", SEED + 1).isEqualTo(other.iterations());
        assertThat(plain.h()).as("seed %d, stopped by the tolerances", SEED + 1).isEqualTo(other.h());
    }

    /**
     * With a plain norm in Y a step applies T*T once and follows ‖T h‖ by a recurrence; through
     * an identity in Y that is not Identity it applies T, G_Y and T* and keeps T h, as regpy does.
     * The two differ only in rounding: in the step sizes, ⟨d, T*T d⟩ against ‖T d‖².
     */
    @Test
    void theNormalOperatorTakesTheStepsOfTheWayThroughYToRounding() {
        Random rng = new Random(SEED + 3);
        TestProblems.Matrix t = new TestProblems.Matrix(randomMatrix(rng, 30, 20));
        double[] r = t.codomain().randn(rng);
        double[] hRef = t.domain().randn(rng);
        RegularizationSetting throughY = new RegularizationSetting(t, Euclidean::on, ExactCopySpace::new);
        for (int steps : new int[] {1, 4, 25}) {
            TikhonovCg.Options fixed = new TikhonovCg.Options(steps, Double.NaN, Double.NaN, 1e-300, false);
            TikhonovCg.Result normal = TikhonovCg.solve(RegularizationSetting.euclidean(t), r, 0.05, hRef, fixed);
            TikhonovCg.Result other = TikhonovCg.solve(throughY, r, 0.05, hRef, fixed);
            assertThat(normal.iterations()).as("seed %d, %d steps", SEED + 3, steps).isEqualTo(other.iterations());
            assertThat(TestProblems.distance(normal.h(), other.h()) / t.domain().norm(other.h()))
                    .as("seed %d, %d steps", SEED + 3, steps).isLessThan(ROUNDING_TOLERANCE);
        }
        // The relative criterion in Y reads ‖T h‖: from the recurrence it stops at the same step.
        TikhonovCg.Options onlyY = new TikhonovCg.Options(1000, Double.NaN, 0.05, Double.NaN, false);
        TikhonovCg.Result normal = TikhonovCg.solve(RegularizationSetting.euclidean(t), r, 0.05, null, onlyY);
        TikhonovCg.Result other = TikhonovCg.solve(throughY, r, 0.05, null, onlyY);
        assertThat(normal.converged()).as("seed %d, stopped by tolY", SEED + 3).isTrue();
        assertThat(normal.iterations()).as("seed %d, stopped by tolY", SEED + 3).isEqualTo(other.iterations())
                .isEqualTo(16);
        assertThat(TestProblems.distance(normal.h(), other.h()) / t.domain().norm(other.h()))
                .as("seed %d, stopped by tolY", SEED + 3).isLessThan(ROUNDING_TOLERANCE);
    }

    /**
     * L² on a grid without weights has the Gram operator {@code v I} (v the cell volume): the
     * step takes the normal operator, scaled by v, and agrees to rounding with the way through
     * T, a Gram operator that multiplies by v without being a {@link DiagonalGram}, and T*.
     */
    @Test
    void anL2NormOnAGridTakesTheNormalOperatorToo() {
        Random rng = new Random(SEED + 4);
        double[][] a = randomMatrix(rng, 30, 20);
        UniformGrid grid = UniformGrid.real(new UniformGrid.Axis(0, 11, 30));
        assertThat(((DiagonalGram) L2.on(grid).gram()).uniformWeight()).as("L² on a grid")
                .hasValue(grid.volumeElement());
        double volume = 0.37;

        WritingMatrix writing = new WritingMatrix(a);
        TestProblems.Matrix fresh = new TestProblems.Matrix(a);
        double[] r = fresh.codomain().randn(rng);
        TikhonovCg.Options fixed = new TikhonovCg.Options(12, Double.NaN, Double.NaN, 1e-300, false);
        TikhonovCg.Result normal = TikhonovCg.solve(
                new RegularizationSetting(writing, Euclidean::on, s -> new ScaledCopySpace(s, volume, true)), r, 0.05,
                null, fixed);
        TikhonovCg.Result other = TikhonovCg.solve(
                new RegularizationSetting(fresh, Euclidean::on, s -> new ScaledCopySpace(s, volume, false)), r, 0.05,
                null, fixed);
        assertThat(writing.normalInto).as("normal steps with G_Y = v I").isEqualTo(12);
        assertThat(TestProblems.distance(normal.h(), other.h()) / fresh.domain().norm(other.h()))
                .as("seed %d", SEED + 4).isLessThan(ROUNDING_TOLERANCE);

        TikhonovCg.Options onlyY = new TikhonovCg.Options(1000, Double.NaN, 0.05, Double.NaN, false);
        normal = TikhonovCg.solve(new RegularizationSetting(fresh, Euclidean::on,
                s -> new ScaledCopySpace(s, volume, true)), r, 0.05, null, onlyY);
        other = TikhonovCg.solve(new RegularizationSetting(fresh, Euclidean::on,
                s -> new ScaledCopySpace(s, volume, false)), r, 0.05, null, onlyY);
        assertThat(normal.iterations()).as("seed %d, stopped by tolY", SEED + 4).isEqualTo(other.iterations())
                .isGreaterThan(1);

        // Weights that differ: no multiple of the identity, so T and T* apart.
        double[] weights = new double[fresh.codomain().size()];
        java.util.Arrays.fill(weights, volume);
        weights[3] = 2 * volume;
        DiagonalGram uneven = new DiagonalGram(fresh.codomain(), weights);
        assertThat(uneven.uniformWeight()).isEmpty();
        writing = new WritingMatrix(a);
        TikhonovCg.solve(new RegularizationSetting(writing, Euclidean::on, s -> new HilbertSpace(s) {
            @Override
            public Operator gram() {
                return uneven;
            }

            @Override
            public Operator gramInverse() {
                return uneven.inverse();
            }
        }), r, 0.05, null, fixed);
        assertThat(writing.normalInto).as("normal steps with uneven weights in Y").isZero();
        assertThat(writing.into).as("T alone, with uneven weights in Y").isEqualTo(12);
    }

    @Test
    void anOperatorThatWritesIntoArraysGetsTheSameStepsWithoutAFreshResultPerStep() {
        Random rng = new Random(SEED + 2);
        double[][] a = randomMatrix(rng, 25, 15);
        TestProblems.Matrix fresh = new TestProblems.Matrix(a);
        double[] r = fresh.codomain().randn(rng);
        TikhonovCg.Options fixed = new TikhonovCg.Options(12, Double.NaN, Double.NaN, 1e-300, false);

        WritingMatrix writing = new WritingMatrix(a);
        TikhonovCg.Result expected = TikhonovCg.solve(fresh, r, 0.1, null, fixed);
        TikhonovCg.Result actual = TikhonovCg.solve(writing, r, 0.1, null, fixed);
        assertThat(actual.h()).as("seed %d, plain norms", SEED + 2).isEqualTo(expected.h());
        assertThat(writing.normalInto).as("normal steps evaluated into the solver's array").isEqualTo(12);
        assertThat(writing.into + writing.adjointInto).as("T or T* alone, with plain norms").isZero();

        // Through an identity in Y that is not Identity, T and T* are applied apart.
        writing = new WritingMatrix(a);
        expected = TikhonovCg.solve(new RegularizationSetting(fresh, Euclidean::on, ExactCopySpace::new), r, 0.1, null,
                fixed);
        actual = TikhonovCg.solve(new RegularizationSetting(writing, Euclidean::on, ExactCopySpace::new), r, 0.1, null,
                fixed);
        assertThat(actual.h()).as("seed %d, a norm in Y", SEED + 2).isEqualTo(expected.h());
        assertThat(writing.into).as("steps evaluated into the solver's arrays").isEqualTo(12);
        assertThat(writing.adjointInto).as("adjoint steps evaluated into the solver's arrays").isEqualTo(12);
        assertThat(writing.normalInto).as("normal steps, with a norm in Y").isZero();
    }

    /** {@link TestProblems.Matrix} that writes into given arrays, and counts how often it is asked to. */
    private static final class WritingMatrix extends TestProblems.Matrix {
        int into;
        int adjointInto;
        int normalInto;

        WritingMatrix(double[][] a) {
            super(a);
        }

        @Override
        public boolean evaluatesInto() {
            return true;
        }

        @Override
        protected void evaluateInto(double[] x, double[] out) {
            into++;
            System.arraycopy(evaluate(x, false), 0, out, 0, out.length);
        }

        @Override
        protected void applyAdjointInto(double[] y, double[] out) {
            adjointInto++;
            System.arraycopy(applyAdjoint(y), 0, out, 0, out.length);
        }

        @Override
        protected void applyNormalInto(double[] h, double[] out) {
            normalInto++;
            System.arraycopy(applyAdjoint(evaluate(h, false)), 0, out, 0, out.length);
        }
    }

    /**
     * A space whose Gram operator is {@code c I}: a {@link DiagonalGram} of equal weights, or
     * (when {@code diagonal} is false) an operator that multiplies by {@code c} without being one.
     */
    private static final class ScaledCopySpace extends HilbertSpace {
        private final Operator gram;
        private final Operator inverse;

        ScaledCopySpace(VectorSpace space, double c, boolean diagonal) {
            super(space);
            double[] weights = new double[space.size()];
            java.util.Arrays.fill(weights, c);
            gram = diagonal ? new DiagonalGram(space, weights) : new Identity(space).scale(c);
            inverse = diagonal ? ((DiagonalGram) gram).inverse() : new Identity(space).scale(1 / c);
        }

        @Override
        public Operator gram() {
            return gram;
        }

        @Override
        public Operator gramInverse() {
            return inverse;
        }
    }

    /** A Euclidean space whose Gram operators copy exactly but are not {@link Identity}. */
    private static final class ExactCopySpace extends HilbertSpace {
        private final Operator copy;

        ExactCopySpace(VectorSpace space) {
            super(space);
            copy = new ExactCopy(space);
        }

        @Override
        public Operator gram() {
            return copy;
        }

        @Override
        public Operator gramInverse() {
            return copy;
        }
    }

    private static final class ExactCopy extends Operator {
        ExactCopy(VectorSpace space) {
            super(space, space, true);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return x.clone();
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return y.clone();
        }
    }

    @Test
    void refusesNonlinearOperatorsBadParametersAndWrongLengths() {
        TestProblems.Matrix t = TestProblems.geometricDiagonal(5, 0.5);
        TikhonovCg.Options o = TikhonovCg.Options.irgnmDefaults();
        assertThatThrownBy(() -> TikhonovCg.solve(new TestProblems.Square(5), new double[5], 1, null, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear operator");
        assertThatThrownBy(() -> TikhonovCg.solve(t, new double[5], 0, null, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("α > 0 but got 0.0");
        assertThatThrownBy(() -> TikhonovCg.solve(t, new double[4], 1, null, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 4").hasMessageContaining("needs 5");
        assertThatThrownBy(() -> new TikhonovCg.Options(0, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations ≥ 1 but got 0");
        assertThatThrownBy(() -> new TikhonovCg.Options(5, -1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relativeTolerance > 0");
    }
}
