package io.github.regpy4j.solvers;

import static io.github.regpy4j.hilbert.Grids.dot;
import static io.github.regpy4j.hilbert.Grids.masked;
import static io.github.regpy4j.hilbert.Grids.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.hilbert.Euclidean;
import io.github.regpy4j.hilbert.Grids;
import io.github.regpy4j.hilbert.Hm;
import io.github.regpy4j.hilbert.L2;
import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The solvers in Hilbert spaces against dense linear algebra (EJML): a tiny problem
 * {@code F(x) = K exp(x)} from a 5×5 grid, penalized in {@code Hm(mask, 2)} on a disc of 9
 * points, to a 7-point grid with its L² norm, the setting of regpy's medium scattering example
 * in miniature.
 */
@Timeout(60)
class HilbertSettingTest {

    private static final long SEED = 20261205L;
    /**
     * IRGNM and Landweber iterates against the dense computation: both solve the same equations,
     * CG to an absolute tolerance of 1e-13; what is left is rounding amplified by the condition of
     * the Tikhonov matrices (≤ 10⁵ here).
     */
    private static final double ITERATE_TOLERANCE = 1e-8;
    /** 50 power iterations against 2000: the estimate of the largest eigenvalue has converged this far. */
    private static final double POWER_ITERATION_TOLERANCE = 1e-3;
    /** Two computations of the same sums in another order. */
    private static final double ROUNDING_TOLERANCE = 1e-12;

    private final UniformGrid x = UniformGrid.real(new Axis(-1, 1, 5), new Axis(-1, 1, 5));
    private final boolean[] mask = Grids.disc(x, 0.8);
    private final UniformGrid y = UniformGrid.real(new Axis(0, 3, 7));
    private final DMatrixRMaj kernel = kernel(new Random(SEED));

    private DMatrixRMaj kernel(Random rng) {
        DMatrixRMaj k = new DMatrixRMaj(y.size(), x.size());
        for (int i = 0; i < k.data.length; i++) {
            k.data[i] = 0.3 * rng.nextGaussian();
        }
        return k;
    }

    private Operator forward() {
        return new Exponential(x).andThen(new MatrixOperator(kernel, x, y));
    }

    private RegularizationSetting sobolevSetting() {
        return new RegularizationSetting(forward(), Hm.withMask(mask, 2), L2::on);
    }

    private double[] exactSolution() {
        double[] xx = x.meshgrid(0);
        double[] yy = x.meshgrid(1);
        double[] f = new double[x.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = mask[k] ? 0.5 * Math.exp(-2 * (xx[k] * xx[k] + yy[k] * yy[k])) : 0;
        }
        return f;
    }

    private double[] noisyData() {
        double[] data = forward().apply(exactSolution());
        Random rng = new Random(SEED + 1);
        for (int k = 0; k < data.length; k++) {
            data[k] += 0.01 * rng.nextGaussian();
        }
        return data;
    }

    /** The masked points' indices, the columns of {@code P*}. */
    private int[] selected() {
        return java.util.stream.IntStream.range(0, mask.length).filter(k -> mask[k]).toArray();
    }

    /** {@code A = P B P*}, {@code B} the Sobolev Gram matrix of index 2 by the naive DFT. */
    private DMatrixRMaj denseMaskedGram() {
        double[][] b = Grids.denseSobolevGram(x, 2);
        int[] s = selected();
        DMatrixRMaj a = new DMatrixRMaj(s.length, s.length);
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                a.set(i, j, b[s[i]][s[j]]);
            }
        }
        return a;
    }

    /** {@code J P* = K diag(exp(x)) P*}: the derivative at {@code at}, on the masked points. */
    private DMatrixRMaj maskedJacobian(double[] at) {
        int[] s = selected();
        DMatrixRMaj j = new DMatrixRMaj(y.size(), s.length);
        for (int r = 0; r < y.size(); r++) {
            for (int c = 0; c < s.length; c++) {
                j.set(r, c, kernel.get(r, s[c]) * Math.exp(at[s[c]]));
            }
        }
        return j;
    }

    private static DMatrixRMaj column(double[] v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    @Test
    void irgnmInASobolevSettingMatchesTheDenseGaussNewtonSteps() {
        double[] data = noisyData();
        double alpha0 = 1;
        double q = 0.5;
        TikhonovCg.Options tight = new TikhonovCg.Options(500, Double.NaN, Double.NaN, 1e-13, false);
        IrgnmCg solver = IrgnmCg.builder(sobolevSetting(), data).alpha0(alpha0).alphaStep(q).cgOptions(tight).build();

        DMatrixRMaj a = denseMaskedGram();
        double vol = y.volumeElement();
        int[] s = selected();
        double[] init = x.zeros();
        double[] dense = init.clone();
        double alpha = alpha0;
        for (int n = 1; n <= 6; n++) {
            // (J_Pᵀ G_Y J_P + α A) h = J_Pᵀ G_Y (y^δ − F(x)) + α A P(x₀ − x),   G_Y = v·I
            double[] fx = forward().apply(dense);
            double[] residual = data.clone();
            for (int k = 0; k < residual.length; k++) {
                residual[k] -= fx[k];
            }
            DMatrixRMaj j = maskedJacobian(dense);
            DMatrixRMaj lhs = new DMatrixRMaj(s.length, s.length);
            CommonOps_DDRM.multTransA(vol, j, j, lhs);
            CommonOps_DDRM.addEquals(lhs, alpha, a);
            DMatrixRMaj rhs = new DMatrixRMaj(s.length, 1);
            CommonOps_DDRM.multTransA(vol, j, column(residual), rhs);
            double[] ref = new double[s.length];
            for (int c = 0; c < s.length; c++) {
                ref[c] = init[s[c]] - dense[s[c]];
            }
            DMatrixRMaj aRef = new DMatrixRMaj(s.length, 1);
            CommonOps_DDRM.mult(a, column(ref), aRef);
            CommonOps_DDRM.addEquals(rhs, alpha, aRef);
            DMatrixRMaj h = new DMatrixRMaj(s.length, 1);
            assertThat(CommonOps_DDRM.solve(lhs, rhs, h)).isTrue();
            for (int c = 0; c < s.length; c++) {
                dense[s[c]] += h.get(c);
            }
            alpha *= q;

            IterationState state = solver.next();
            assertThat(relativeDifference(state.x(), dense)).as("IRGNM iterate %d against the dense Gauss–Newton step,"
                    + " seed %d", n, SEED).isLessThanOrEqualTo(ITERATE_TOLERANCE);
            assertThat(state.x()).as("iterate %d stays supported in the mask", n).isEqualTo(masked(state.x(), mask,
                    false));
            double[] diff = state.y().clone();
            for (int k = 0; k < diff.length; k++) {
                diff[k] -= data[k];
            }
            assertThat(state.residualNorm()).as("residual of iterate %d in the L² norm of the data grid", n)
                    .isCloseTo(Math.sqrt(vol * dot(diff, diff)), within(ROUNDING_TOLERANCE));
        }
    }

    @Test
    void irgnmWithTheDiscrepancyPrincipleReconstructsInTheSobolevSetting() {
        RegularizationSetting setting = sobolevSetting();
        double[] clean = forward().apply(exactSolution());
        double[] data = noisyData();
        double[] noise = data.clone();
        for (int k = 0; k < noise.length; k++) {
            noise[k] -= clean[k];
        }
        Discrepancy discrepancy = Discrepancy.forNoise(setting, noise, 2.1);
        assertThat(discrepancy.noiseLevel()).isCloseTo(Math.sqrt(y.volumeElement() * dot(noise, noise)),
                within(ROUNDING_TOLERANCE));
        IrgnmCg solver = IrgnmCg.builder(setting, data).alpha0(1).alphaStep(0.8).build();
        SolverResult result = solver.run(new CountIterations(100).or(discrepancy));
        assertThat(result.stoppedBy()).as("stopped by %s after %d iterations", result.stoppedBy(),
                result.state().iteration()).isSameAs(discrepancy);
        assertThat(result.state().residualNorm()).isLessThanOrEqualTo(2.1 * discrepancy.noiseLevel());
    }

    @Test
    void tikhonovOnAComplexGridInHmWithAMaskMatchesTheDenseMinimizer() {
        UniformGrid cx = UniformGrid.complex(new Axis(-1, 1, 6), new Axis(-1, 1, 6));
        boolean[] disc = Grids.disc(cx, 0.75);
        VectorSpace cy = VectorSpace.complex(5);
        Random rng = new Random(SEED + 2);
        org.ejml.data.ZMatrixRMaj k = new org.ejml.data.ZMatrixRMaj(cy.size(), cx.size());
        for (int i = 0; i < k.data.length; i++) {
            k.data[i] = rng.nextGaussian();
        }
        Operator t = new io.github.regpy4j.operators.ComplexMatrixOperator(k, cx, cy);
        RegularizationSetting setting = new RegularizationSetting(t, Hm.withMask(disc, 2), L2::on);
        double[] r = cy.randn(rng);
        double[] hRef = masked(cx.randn(rng), disc, true);
        double alpha = 0.1;
        TikhonovCg.Result cg = TikhonovCg.solve(setting, r, alpha, hRef,
                new TikhonovCg.Options(500, Double.NaN, Double.NaN, 1e-13, false));

        // Dense, over the reals: the columns of T for the real and imaginary unit at each masked point
        int[] s = java.util.stream.IntStream.range(0, disc.length).filter(p -> disc[p]).toArray();
        int n = 2 * s.length;
        DMatrixRMaj j = new DMatrixRMaj(cy.realSize(), n);
        for (int c = 0; c < n; c++) {
            double[] unit = cx.zeros();
            unit[2 * s[c / 2] + c % 2] = 1;
            double[] col = t.apply(unit);
            for (int row = 0; row < col.length; row++) {
                j.set(row, c, col[row]);
            }
        }
        double[][] b = Grids.denseSobolevGram(cx, 2);
        DMatrixRMaj gram = new DMatrixRMaj(n, n); // A ⊗ I₂ in the interleaved layout: A acts on re and im alike
        for (int p = 0; p < n; p++) {
            for (int q = p % 2; q < n; q += 2) {
                gram.set(p, q, b[s[p / 2]][s[q / 2]]);
            }
        }
        DMatrixRMaj lhs = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(j, j, lhs);
        CommonOps_DDRM.addEquals(lhs, alpha, gram);
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(j, column(r), rhs);
        double[] ref = new double[n];
        for (int c = 0; c < n; c++) {
            ref[c] = hRef[2 * s[c / 2] + c % 2];
        }
        DMatrixRMaj gRef = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(gram, column(ref), gRef);
        CommonOps_DDRM.addEquals(rhs, alpha, gRef);
        DMatrixRMaj h = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(lhs, rhs, h)).isTrue();
        double[] dense = cx.zeros();
        for (int c = 0; c < n; c++) {
            dense[2 * s[c / 2] + c % 2] = h.get(c);
        }
        assertThat(relativeDifference(cg.h(), dense)).as("complex Tikhonov minimizer against the dense one, seed %d",
                SEED + 2).isLessThanOrEqualTo(ITERATE_TOLERANCE);
    }

    @Test
    void landweberInASobolevSettingTakesTheDenseGradientSteps() {
        double[] data = noisyData();
        double mu = 0.5;
        Landweber solver = new Landweber(sobolevSetting(), data, x.zeros(), mu, false);
        DMatrixRMaj a = denseMaskedGram();
        double vol = y.volumeElement();
        int[] s = selected();
        double[] dense = x.zeros();
        for (int n = 1; n <= 4; n++) {
            // x ← x − μ P* A⁻¹ J_Pᵀ G_Y (F(x) − y^δ)
            double[] fx = forward().apply(dense);
            for (int k = 0; k < fx.length; k++) {
                fx[k] -= data[k];
            }
            DMatrixRMaj g = new DMatrixRMaj(s.length, 1);
            CommonOps_DDRM.multTransA(vol, maskedJacobian(dense), column(fx), g);
            DMatrixRMaj step = new DMatrixRMaj(s.length, 1);
            assertThat(CommonOps_DDRM.solve(a.copy(), g, step)).isTrue();
            for (int c = 0; c < s.length; c++) {
                dense[s[c]] -= mu * step.get(c);
            }
            IterationState state = solver.next();
            assertThat(relativeDifference(state.x(), dense)).as("Landweber iterate %d against the dense step, seed %d",
                    n, SEED).isLessThanOrEqualTo(ITERATE_TOLERANCE);
        }
    }

    @Test
    void aStepSizeEstimateInTheSettingIsNineTenthsOfTheInverseLargestEigenvalue() {
        RegularizationSetting setting = sobolevSetting();
        double[] at = exactSolution();
        double mu = Landweber.estimateStepSize(setting, at, 50);
        // λ_max of A⁻¹ J_Pᵀ G_Y J_P, dense: the largest generalized eigenvalue, by the Rayleigh quotients of
        // the power iteration of the dense matrix itself (many steps, to convergence)
        DMatrixRMaj j = maskedJacobian(at);
        DMatrixRMaj jtj = new DMatrixRMaj(j.numCols, j.numCols);
        CommonOps_DDRM.multTransA(y.volumeElement(), j, j, jtj);
        DMatrixRMaj m = new DMatrixRMaj(j.numCols, j.numCols);
        assertThat(CommonOps_DDRM.solve(denseMaskedGram(), jtj, m)).isTrue();
        DMatrixRMaj v = new DMatrixRMaj(j.numCols, 1);
        v.fill(1);
        double lambda = 0;
        for (int i = 0; i < 2000; i++) {
            DMatrixRMaj w = new DMatrixRMaj(j.numCols, 1);
            CommonOps_DDRM.mult(m, v, w);
            lambda = CommonOps_DDRM.dot(w, w) / CommonOps_DDRM.dot(v, w);
            CommonOps_DDRM.divide(w, Math.sqrt(CommonOps_DDRM.dot(w, w)));
            v = w;
        }
        assertThat(mu).as("0.9/λ_max with λ_max = %s", lambda).isCloseTo(0.9 / lambda, within(POWER_ITERATION_TOLERANCE * 0.9 / lambda));
    }

    @Test
    void theHilbertAdjointIsTheAdjointForTheGramInnerProducts() {
        RegularizationSetting setting = sobolevSetting();
        Operator t = setting.operator().linearize(exactSolution()).derivative();
        Operator sharp = setting.hilbertAdjoint(t);
        Random rng = new Random(SEED);
        for (int trial = 0; trial < 10; trial++) {
            double[] h = masked(x.randn(rng), mask, false);
            double[] g = y.randn(rng);
            double left = setting.dataFidelity().inner(t.apply(h), g);
            double right = setting.penalty().inner(h, sharp.apply(g));
            assertThat(right).as("⟨T h, g⟩_Y = ⟨h, T^# g⟩_X for h in the mask, trial %d, seed %d", trial, SEED)
                    .isCloseTo(left, within(1e-10 * (Math.abs(left) + 1e-3)));
        }
        assertThatThrownBy(() -> setting.hilbertAdjoint(setting.operator())).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("linear operator");
    }

    @Test
    void aNonEuclideanSettingWithUnitWeightsGivesThePlainIterates() {
        // L2.weighted on spaces that are not grids has G = I but goes through the general code path
        VectorSpace xs = VectorSpace.real(4);
        java.util.function.Supplier<Operator> problem = () -> new Exponential(xs).andThen(
                TestProblems.geometricDiagonal(4, 0.5)); // one instance per solver: each owns its linearization
        double[] ones = new double[4];
        Arrays.fill(ones, 1);
        java.util.function.Supplier<RegularizationSetting> unit = () -> new RegularizationSetting(problem.get(),
                L2.weighted(xs, ones), L2.weighted(xs, ones));
        assertThat(unit.get().isEuclidean()).isFalse();
        assertThat(RegularizationSetting.euclidean(problem.get()).isEuclidean()).isTrue();
        double[] data = {1.5, 0.7, 0.4, 0.2};
        IrgnmCg plain = IrgnmCg.builder(problem.get(), data).alpha0(0.5).build();
        IrgnmCg general = IrgnmCg.builder(unit.get(), data).alpha0(0.5).build();
        Landweber plainLw = new Landweber(problem.get(), data, xs.zeros(), 0.3, true);
        Landweber generalLw = new Landweber(unit.get(), data, xs.zeros(), 0.3, true);
        for (int n = 1; n <= 5; n++) {
            IterationState p = plain.next();
            IterationState g = general.next();
            assertThat(relativeDifference(g.x(), p.x())).as("IRGNM iterate %d", n).isLessThanOrEqualTo(ROUNDING_TOLERANCE);
            assertThat(g.residualNorm()).isCloseTo(p.residualNorm(), within(ROUNDING_TOLERANCE));
            assertThat(g.innerIterations()).as("CG steps of iteration %d", n).isEqualTo(p.innerIterations());
            assertThat(relativeDifference(generalLw.next().x(), plainLw.next().x())).as("Landweber iterate %d", n)
                    .isLessThanOrEqualTo(ROUNDING_TOLERANCE);
        }
        assertThat(Landweber.estimateStepSize(unit.get(), xs.zeros(), 20)).isCloseTo(
                Landweber.estimateStepSize(problem.get(), xs.zeros(), 20), within(ROUNDING_TOLERANCE));
    }

    @Test
    void aSettingRefusesSpacesThatDoNotFitTheOperator() {
        Operator f = forward();
        assertThatThrownBy(() -> new RegularizationSetting(f, L2.on(y), L2::on))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lives on " + y)
                .hasMessageContaining(x.toString());
        assertThatThrownBy(() -> new RegularizationSetting(f, Hm.withIndex(1), Hm.withMask(mask, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask of Hm on " + y);
        RegularizationSetting plainCodomain = new RegularizationSetting(new MatrixOperator(
                new DMatrixRMaj(3, x.size()), x, VectorSpace.real(3)), Hm.withMask(mask, 2), L2::on);
        assertThat(plainCodomain.dataFidelity()).isInstanceOf(Euclidean.class);
        assertThat(plainCodomain.penalty()).isEqualTo(Hm.on(x, mask, 2));
    }
}
