package io.github.regpy4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Gmres} against a dense EJML solve of random complex systems, and its failure report. */
@Timeout(20)
class GmresTest {

    private static final long SEED = 20261205L;
    /** Solutions of well-conditioned systems solved to rtol 1e-12 agree with LU to about that. */
    private static final double SOLUTION_TOLERANCE = 1e-10;

    /** {@code A = shift·I + G/√n} with complex Gaussian {@code G}: eigenvalues in a disc about {@code shift}. */
    private static ZMatrixRMaj randomMatrix(int n, double shift, Random rng) {
        ZMatrixRMaj a = new ZMatrixRMaj(n, n);
        double s = 1.0 / Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, s * rng.nextGaussian() + (i == j ? shift : 0), s * rng.nextGaussian());
            }
        }
        return a;
    }

    private static Gmres.LinearMap map(ZMatrixRMaj a, int[] calls) {
        int n = a.numRows;
        return (x, out) -> {
            calls[0]++;
            ZMatrixRMaj xv = new ZMatrixRMaj(n, 1);
            System.arraycopy(x, 0, xv.data, 0, 2 * n);
            ZMatrixRMaj y = new ZMatrixRMaj(n, 1);
            CommonOps_ZDRM.mult(a, xv, y);
            System.arraycopy(y.data, 0, out, 0, 2 * n);
        };
    }

    private static double[] randomVector(int n, Random rng) {
        double[] b = new double[2 * n];
        for (int k = 0; k < b.length; k++) {
            b[k] = rng.nextGaussian();
        }
        return b;
    }

    private static double[] denseSolve(ZMatrixRMaj a, double[] b) {
        int n = a.numRows;
        ZMatrixRMaj bv = new ZMatrixRMaj(n, 1);
        System.arraycopy(b, 0, bv.data, 0, 2 * n);
        ZMatrixRMaj x = new ZMatrixRMaj(n, 1);
        assertThat(CommonOps_ZDRM.solve(a.copy(), bv, x)).as("EJML solve").isTrue();
        return x.data.clone();
    }

    private static double relativeDifference(double[] x, double[] y) {
        double d = 0;
        double n = 0;
        for (int k = 0; k < x.length; k++) {
            d += (x[k] - y[k]) * (x[k] - y[k]);
            n += y[k] * y[k];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void agreesWithADenseSolveAcrossRestarts() {
        Random rng = new Random(SEED);
        for (int n : new int[] {1, 7, 40}) {
            ZMatrixRMaj a = randomMatrix(n, 1.5, rng);
            double[] b = randomVector(n, rng);
            double[] bCopy = b.clone();
            int[] calls = {0};
            double[] x = new double[2 * n];
            Gmres.Result result = new Gmres(5, 1e-12, 0.0, 200).solve(map(a, calls), b, x);
            assertThat(b).as("b was modified; n %d, seed %d", n, SEED).isEqualTo(bCopy);
            assertThat(relativeDifference(x, denseSolve(a, b))).as("n %d, seed %d, %s", n, SEED, result)
                    .isLessThan(SOLUTION_TOLERANCE);
            assertThat(result.residualNorm()).as("n %d, seed %d", n, SEED).isLessThanOrEqualTo(result.targetNorm());
            assertThat(calls[0]).as("one product per iteration and one residual per cycle (none for x₀ = 0); n %d", n)
                    .isEqualTo(result.iterations() + result.cycles());
            if (n == 40) {
                assertThat(result.cycles()).as("n 40 needs more than one cycle of 5; seed %d", SEED).isGreaterThan(1);
            }
        }
    }

    @Test
    void regpysDefaultsReachTheirTightToleranceOnAWellConditionedSystem() {
        Random rng = new Random(SEED + 1);
        ZMatrixRMaj a = randomMatrix(30, 3.0, rng);
        double[] b = randomVector(30, rng);
        Gmres gmres = Gmres.regpyDefaults();
        assertThat(gmres.restart()).isEqualTo(10);
        assertThat(gmres.relativeTolerance()).isEqualTo(1e-14);
        assertThat(gmres.absoluteTolerance()).isZero();
        assertThat(gmres.maxCycles()).isEqualTo(100);
        double[] x = gmres.solve(map(a, new int[1]), b);
        assertThat(relativeDifference(x, denseSolve(a, b))).as("seed %d", SEED + 1).isLessThan(1e-12);
    }

    @Test
    void startsFromTheGivenPointAndStopsAtOnceAtTheSolution() {
        Random rng = new Random(SEED + 2);
        ZMatrixRMaj a = randomMatrix(12, 2.0, rng);
        double[] b = randomVector(12, rng);
        double[] exact = denseSolve(a, b);
        Gmres gmres = new Gmres(4, 1e-8, 0.0, 50);
        double[] x = exact.clone();
        Gmres.Result result = gmres.solve(map(a, new int[1]), b, x);
        assertThat(result.iterations()).as("seed %d", SEED + 2).isZero();
        assertThat(x).isEqualTo(exact);
    }

    @Test
    void theAbsoluteToleranceAloneStops() {
        Random rng = new Random(SEED + 3);
        ZMatrixRMaj a = randomMatrix(20, 2.0, rng);
        double[] b = randomVector(20, rng);
        Gmres.Result result = new Gmres(3, 0.0, 1e-6, 100).solve(map(a, new int[1]), b, new double[40]);
        assertThat(result.targetNorm()).isEqualTo(1e-6);
        assertThat(result.residualNorm()).as("seed %d", SEED + 3).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void aZeroRightHandSideHasTheZeroSolution() {
        double[] x = {3, 4, 5, 6};
        Gmres.Result result = Gmres.regpyDefaults().solve((v, out) -> System.arraycopy(v, 0, out, 0, 4), new double[4], x);
        assertThat(x).containsOnly(0.0);
        assertThat(result.iterations()).isZero();
    }

    @Test
    void reportsResidualAndIterationsWhenItDoesNotConverge() {
        Random rng = new Random(SEED + 4);
        // Eigenvalues spread around 0: far from solvable in 2 cycles of 2.
        ZMatrixRMaj a = randomMatrix(30, 0.0, rng);
        double[] b = randomVector(30, rng);
        double[] x = new double[60];
        assertThatThrownBy(() -> new Gmres(2, 1e-12, 0.0, 2).solve(map(a, new int[1]), b, x))
                .as("seed %d", SEED + 4)
                .isInstanceOfSatisfying(GmresNotConvergedException.class, e -> {
                    assertThat(e.iterations()).isEqualTo(4);
                    assertThat(e.cycles()).isEqualTo(2);
                    assertThat(e.residualNorm()).isGreaterThan(e.targetNorm());
                    assertThat(e.getMessage()).contains("did not converge").contains("after 4 iterations in 2 restart"
                            + " cycles").contains(String.format("%.3e", e.residualNorm())).contains("restart 2");
                });
        assertThat(x).as("the last iterate is left in x").isNotEqualTo(new double[60]);
    }

    @Test
    void refusesBadParametersAndArraysSayingWhatWasWrong() {
        assertThatThrownBy(() -> new Gmres(0, 1e-8, 0, 10)).hasMessageContaining("restart ≥ 1 but got 0");
        assertThatThrownBy(() -> new Gmres(5, 1e-8, 0, 0)).hasMessageContaining("maxCycles ≥ 1 but got 0");
        assertThatThrownBy(() -> new Gmres(5, -1, 0, 3)).hasMessageContaining("relative tolerance ≥ 0 but got -1");
        assertThatThrownBy(() -> new Gmres(5, 0, 0, 3)).hasMessageContaining("both are 0");
        Gmres g = Gmres.regpyDefaults();
        Gmres.LinearMap id = (v, out) -> System.arraycopy(v, 0, out, 0, v.length);
        assertThatThrownBy(() -> g.solve(id, new double[4], new double[6]))
                .hasMessageContaining("b has length 4 and x 6");
        assertThatThrownBy(() -> g.solve(id, new double[3], new double[3])).hasMessageContaining("even");
        assertThatThrownBy(() -> g.solve(id, new double[] {Double.NaN, 0}, new double[2]))
                .hasMessageContaining("finite right-hand side");
    }
}
