package io.github.regpy4j.examples.mri;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.operators.mri.ParallelMri;
import io.github.regpy4j.operators.mri.SobolevSmoother;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import java.util.List;
import java.util.Random;

/**
 * The synthetic parallel MRI problem of regpy's {@code mri_example_parallel.py}: a square
 * density, Gaussian coil profiles centred on a circle, Cartesian undersampling and noisy data.
 */
public final class MriProblem {

    private final MriSetup setup;
    private final UniformGrid grid;
    private final boolean[] mask;
    private final DirectSum domain;
    private final SobolevSmoother smoother;
    private final double[] exactSolution;
    private final double[] exactData;
    private final double[] data;
    private final double noiseNorm;

    /**
     * Builds the problem and its data; the exact data come from the unsmoothed model, evaluated
     * sequentially in this JVM.
     *
     * @param setup the parameters
     */
    public MriProblem(MriSetup setup) {
        this.setup = setup;
        int n = setup.size();
        this.grid = UniformGrid.complex(new UniformGrid.Axis(-1, 1, n), new UniformGrid.Axis(-1, 1, n));
        this.mask = samplingMask(n, setup.edgeRows());
        this.domain = ParallelMri.jointDomain(grid, setup.coils());
        this.smoother = new SobolevSmoother(grid, setup.sobolevIndex(), setup.sobolevFactor());
        this.exactSolution = exactSolution(grid, setup.coils(), domain);
        Operator unsmoothed = new VectorOfOperators(ParallelMri.unsmoothedCoilOperators(grid, setup.coils(), mask),
                domain, ParallelMri.distribution(setup.coils()));
        this.exactData = unsmoothed.apply(exactSolution);
        double[] noise = unsmoothed.codomain().randn(new Random(setup.seed()));
        this.data = exactData.clone();
        double sq = 0;
        for (int k = 0; k < data.length; k++) {
            double e = setup.noiseLevel() * noise[k];
            data[k] += e;
            sq += e * e;
        }
        this.noiseNorm = Math.sqrt(sq);
    }

    /**
     * regpy's mask: every second row of k-space, plus {@code edgeRows} rows at each edge (the low
     * frequencies of the uncentered FFT).
     *
     * @param n rows and columns
     * @param edgeRows rows sampled at each edge
     * @return {@code n·n} flags, row-major
     */
    public static boolean[] samplingMask(int n, int edgeRows) {
        boolean[] m = new boolean[n * n];
        for (int row = 0; row < n; row++) {
            boolean sampled = row % 2 == 0 || row < edgeRows || row >= n - edgeRows;
            for (int col = 0; col < n; col++) {
                m[row * n + col] = sampled;
            }
        }
        return m;
    }

    private static double[] exactSolution(UniformGrid grid, int coils, DirectSum domain) {
        double[] xs = grid.meshgrid(0);
        double[] ys = grid.meshgrid(1);
        double[][] parts = new double[coils + 1][];
        double[] density = grid.zeros();
        for (int k = 0; k < xs.length; k++) {
            density[2 * k] = Math.max(Math.abs(xs[k]), Math.abs(ys[k])) < 0.4 ? 1.0 : 0.0;
        }
        parts[0] = density;
        for (int i = 0; i < coils; i++) {
            double angle = 2 * Math.PI * i / coils;
            double cx = Math.cos(angle) / Math.sqrt(2);
            double cy = Math.sin(angle) / Math.sqrt(2);
            double[] coil = grid.zeros();
            for (int k = 0; k < xs.length; k++) {
                double r2 = (xs[k] - cx) * (xs[k] - cx) + (ys[k] - cy) * (ys[k] - cy);
                coil[2 * k] = Math.exp(-r2 / 2);
            }
            parts[i + 1] = coil;
        }
        return domain.join(parts);
    }

    /** @return the parameters */
    public MriSetup setup() {
        return setup;
    }

    /** @return the complex grid */
    public UniformGrid grid() {
        return grid;
    }

    /** @return a copy of the sampling mask */
    public boolean[] mask() {
        return mask.clone();
    }

    /** @return the domain {@code X ⊕ X^C} of density and coils */
    public DirectSum domain() {
        return domain;
    }

    /** @return the distribution: operator {@code i} gets the density and coil {@code i} */
    public boolean[][] distribution() {
        return ParallelMri.distribution(setup.coils());
    }

    /** @return the coil smoother {@code S} */
    public SobolevSmoother smoother() {
        return smoother;
    }

    /** @return one fresh smoothed forward operator per coil, to be run sequentially or in child JVMs */
    public List<Operator> coilOperators() {
        return ParallelMri.coilOperators(grid, setup.coils(), mask, smoother);
    }

    /** @return a copy of the exact (density, coil profiles) */
    public double[] exactSolution() {
        return exactSolution.clone();
    }

    /** @return a copy of the noise-free data */
    public double[] exactData() {
        return exactData.clone();
    }

    /** @return a copy of the noisy data */
    public double[] data() {
        return data.clone();
    }

    /** @return {@code δ = ‖y − y^δ‖}, the norm of the noise that was added */
    public double noiseNorm() {
        return noiseNorm;
    }

    /** @return the initial guess: density 1, coil unknowns 0 (as regpy's example) */
    public double[] initialGuess() {
        double[][] parts = domain.split(domain.zeros());
        parts[0] = grid.ones();
        return domain.join(parts);
    }

    /**
     * regpy measures the regularization term in {@code L²} of the grid, whose Gram matrix is the
     * volume element {@code h²} times the identity; the solvers here use plain inner products.
     *
     * @return {@code α₀ · h²}, the same initial regularization in plain inner products
     */
    public double solverAlpha0() {
        return setup.alpha0() * grid.volumeElement();
    }

    /**
     * The coil profiles of a solver iterate, {@code (ρ, ĉ₀, …) ↦ (ρ, S ĉ₀, …)}.
     *
     * @param x a solver iterate. Not modified.
     * @return (density, coil profiles) in the layout of {@link #exactSolution()}
     */
    public double[] profiles(double[] x) {
        double[][] parts = domain.split(x);
        for (int i = 1; i < parts.length; i++) {
            parts[i] = smoother.apply(parts[i]);
        }
        return domain.join(parts);
    }

    /**
     * @param profiles (density, coil profiles). Not modified.
     * @return the magnitude of the normalized density {@code |ρ|·(Σ|cᵢ|²)^(1/2)}, one value per grid point
     */
    public double[] normalizedMagnitude(double[] profiles) {
        double[] z = ParallelMri.normalize(domain, profiles);
        double[] m = new double[z.length / 2];
        for (int k = 0; k < m.length; k++) {
            m[k] = Math.hypot(z[2 * k], z[2 * k + 1]);
        }
        return m;
    }

    /**
     * @param x a solver iterate. Not modified.
     * @return {@code ‖ |ρ̃| − |ρ̃_exact| ‖ / ‖ρ̃_exact‖} for the normalized densities
     */
    public double relativeError(double[] x) {
        double[] rec = normalizedMagnitude(profiles(x));
        double[] ex = normalizedMagnitude(exactSolution);
        double d = 0, e = 0;
        for (int k = 0; k < ex.length; k++) {
            d += (rec[k] - ex[k]) * (rec[k] - ex[k]);
            e += ex[k] * ex[k];
        }
        return Math.sqrt(d / e);
    }
}
