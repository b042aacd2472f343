package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.hilbert.HilbertSpace;
import io.github.regpy4j.hilbert.Hm;
import io.github.regpy4j.operators.scattering.MediumScattering;
import io.github.regpy4j.vecsps.Vectors;
import java.util.List;
import java.util.Random;

/**
 * The inverse problem of regpy's {@code example_mediumscattering.py}: the contrast
 * {@code a(x) = exp(−1/(r − |x|²))} on the disc {@code |x| < r}, its far-field data for {@code D}
 * incident and {@code D} far-field directions equally spaced on the circle, and noise
 * {@code 0.005·randn} (seeded). The incident directions are split into {@code K} contiguous blocks,
 * one {@link MediumScattering} each, so that sequential and parallel runs evaluate the same
 * operators in the same order; the solver sees the data in that split order
 * ({@link #data()}), the pictures in regpy's order ({@link #toRegpyOrder(double[])}).
 */
public final class ScatteringProblem {

    /** The seed of the noise. */
    public static final long SEED = 20261206L;
    /** regpy's example: {@code noise = 0.005 * op.codomain.randn()}. */
    public static final double NOISE_SCALE = 0.005;
    /** regpy's example: {@code radius = 1}. */
    public static final double RADIUS = 1.0;
    /** regpy's example: {@code wave_number = 1}. */
    public static final double WAVE_NUMBER = 1.0;

    private final MediumScattering whole;
    private final int parts;
    private final double[] exact;
    private final double[] exactData;
    private final double[] noise;
    private final int[] joinedIndex;
    private HilbertSpace penalty;

    /**
     * Builds the operator, the exact contrast and the noisy data.
     *
     * @param size the grid side {@code N} (regpy's example: 64)
     * @param directions incident and far-field directions {@code D} (regpy's example: 16)
     * @param parts the blocks {@code K} the incident directions are split into, {@code 1 ≤ K ≤ D}
     */
    public ScatteringProblem(int size, int directions, int parts) {
        this.whole = MediumScattering.fixed(new int[] {size, size}, RADIUS, WAVE_NUMBER,
                MediumScattering.circleDirections(directions), MediumScattering.circleDirections(directions));
        this.parts = parts;
        this.joinedIndex = joinedIndexOfRegpyEntries(whole, parts);
        this.exact = exactContrast(size);
        this.exactData = whole.apply(exact);
        this.noise = Vectors.scale(NOISE_SCALE, whole.codomain().randn(new Random(SEED)));
    }

    /** The position in the joined (split) order of every entry of regpy's order. */
    private static int[] joinedIndexOfRegpyEntries(MediumScattering op, int parts) {
        double[] iota = new double[op.codomain().realSize()];
        for (int k = 0; k < iota.length; k++) {
            iota[k] = k;
        }
        double[] moved = op.joinedToRegpyOrder(iota, parts);
        int[] index = new int[moved.length];
        for (int k = 0; k < moved.length; k++) {
            index[k] = (int) moved[k];
        }
        return index;
    }

    private static double[] exactContrast(int n) {
        double h = 4 * RADIUS / n;
        double[] x = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * RADIUS + i * h;
                double b = -2 * RADIUS + j * h;
                double r = Math.sqrt(a * a + b * b);
                if (r < RADIUS) {
                    x[2 * (i * n + j)] = Math.exp(-1 / (RADIUS - r * r));
                }
            }
        }
        return x;
    }

    /** @return the operator over all directions (regpy's {@code op}) */
    public MediumScattering operator() {
        return whole;
    }

    /** @return {@code K} operators, one per block of incident directions; a fresh list of fresh operators */
    public List<MediumScattering> parts() {
        return whole.splitIncidentDirections(parts);
    }

    /** @return the number of blocks {@code K} */
    public int partCount() {
        return parts;
    }

    /** @return the grid side {@code N} */
    public int size() {
        return whole.gridShape()[0];
    }

    /** @return the number of incident (and far-field) directions */
    public int directions() {
        return whole.incidentDirections().length;
    }

    /**
     * The penalty space of the example, regpy's {@code Hm(mask=op.support, index=2)} on the grid,
     * made concrete once: its Gram matrix on the support is dense and factored in {@code O(m³)}
     * (about a second at 64×64), and every reconstruction of this problem shares it.
     *
     * @return the Sobolev space on the contrast's grid
     */
    public synchronized HilbertSpace penalty() {
        if (penalty == null) {
            penalty = Hm.withMask(whole.support(), ScatteringReconstruction.SOBOLEV_INDEX).concreteOn(whole.domain());
        }
        return penalty;
    }

    /** @return the exact contrast {@code a†}, complex, row-major (a fresh copy) */
    public double[] exactContrast() {
        return exact.clone();
    }

    /** @return the exact far field {@code F(a†)} in regpy's order (a fresh copy) */
    public double[] exactDataInRegpyOrder() {
        return exactData.clone();
    }

    /** @return the noisy data {@code y^δ = F(a†) + noise} in the split order the solver sees */
    public double[] data() {
        return toJoinedOrder(Vectors.add(exactData, noise));
    }

    /** @return the noise in the split order the solver sees */
    public double[] noise() {
        return toJoinedOrder(noise);
    }

    /**
     * @param joined far-field values of the {@code K} operators, concatenated. Not modified.
     * @return the same values in regpy's {@code (far-field, incident)} order
     */
    public double[] toRegpyOrder(double[] joined) {
        return whole.joinedToRegpyOrder(joined, parts);
    }

    private double[] toJoinedOrder(double[] regpy) {
        double[] joined = new double[regpy.length];
        for (int k = 0; k < regpy.length; k++) {
            joined[joinedIndex[k]] = regpy[k];
        }
        return joined;
    }

    /**
     * @param x a contrast. Not modified.
     * @return {@code ‖x − a†‖ / ‖a†‖}
     */
    public double relativeError(double[] x) {
        return whole.domain().norm(Vectors.subtract(x, exact)) / whole.domain().norm(exact);
    }
}
