package io.github.regpy4j.operators.mri;

import io.github.regpy4j.operators.CoordinateMask;
import io.github.regpy4j.operators.FourierTransform;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the parallel MRI forward model one coil at a time, ready for a distributed vector of
 * operators. Port of {@code full_parallel_mri_parallelized} of regpy's MRI example code, with the
 * Sobolev smoother moved into each coil's operator so that all Fourier transforms run where the
 * coil's operator runs.
 *
 * <p>The unknown is {@code (ρ, ĉ₀, …, ĉ_{C−1}) ∈ X ⊕ X ⊕ … ⊕ X} ({@link #jointDomain}), a density
 * and one coil unknown per coil. Coil {@code i} is measured by
 *
 * <pre>
 *   Tᵢ(ρ, ĉᵢ) = P · F( ρ · S ĉᵢ )
 * </pre>
 *
 * <p>with {@code S} the coil smoother (a {@link SobolevSmoother}, or the identity for the model
 * that generates data), {@code F} the uncentered unitary {@link FourierTransform} and {@code P}
 * the {@link CoordinateMask} of the sampled k-space entries. {@link #distribution(int)} sends the
 * density and coil {@code i} to operator {@code i}; the adjoint of the distributed operator then
 * adds up the density parts of all coils, as regpy's {@code DistributedVectorOfOperators} does.
 */
public final class ParallelMri {

    private ParallelMri() {}

    /**
     * The forward operator of one coil, {@code (ρ, ĉ) ↦ P·F(ρ·S ĉ)}.
     *
     * @param grid {@code X}, a complex 2-D (or 1-D, 3-D) grid
     * @param mask the sampled k-space entries, one flag per grid entry in FFT (uncentered) order,
     *     row-major. Not modified (copied).
     * @param smoother {@code S: X → X}, linear; a fresh instance per call is not needed (it holds no state)
     * @return a fresh operator on {@code X ⊕ X} with values in the complex {@code ArraySpace[m]}
     * @throws IllegalArgumentException if the grid is real or the pieces do not fit together
     */
    public static Operator coilOperator(UniformGrid grid, boolean[] mask, Operator smoother) {
        if (grid == null || !grid.isComplex()) {
            throw new IllegalArgumentException("parallel MRI needs a complex grid but got " + grid);
        }
        if (smoother == null || !smoother.domain().equals(grid)) {
            throw new IllegalArgumentException("the coil smoother must act on " + grid + " but is " + smoother);
        }
        FourierTransform fourier = new FourierTransform(grid, false);
        CoordinateMask sampling = new CoordinateMask(fourier.codomain(), mask);
        return sampling.compose(fourier).compose(new CoilMultiplication(grid)).compose(new DensityCoilSmoother(smoother));
    }

    /**
     * One forward operator per coil, each a fresh instance (each remembers its own linearization).
     *
     * @param grid {@code X}
     * @param coils the number {@code C ≥ 1} of coils
     * @param mask the sampled k-space entries, see {@link #coilOperator}. Not modified.
     * @param smoother the coil smoother, shared (it is linear and holds no state)
     * @return {@code C} operators on {@code X ⊕ X}, unmodifiable
     */
    public static List<Operator> coilOperators(UniformGrid grid, int coils, boolean[] mask, Operator smoother) {
        requireCoils(coils);
        List<Operator> ops = new ArrayList<>(coils);
        for (int i = 0; i < coils; i++) {
            ops.add(coilOperator(grid, mask, smoother));
        }
        return Collections.unmodifiableList(ops);
    }

    /**
     * The unsmoothed model: {@link #coilOperators} with the identity as smoother, the operator
     * that generates synthetic data from exact coil profiles.
     *
     * @param grid {@code X}
     * @param coils the number of coils
     * @param mask the sampled k-space entries. Not modified.
     * @return {@code C} operators {@code (ρ, cᵢ) ↦ P·F(ρ·cᵢ)}
     */
    public static List<Operator> unsmoothedCoilOperators(UniformGrid grid, int coils, boolean[] mask) {
        return coilOperators(grid, coils, mask, new Identity(grid));
    }

    /**
     * @param grid {@code X}
     * @param coils the number {@code C ≥ 1} of coils
     * @return {@code X ⊕ X ⊕ … ⊕ X} ({@code 1 + C} summands): the density, then one coil each
     */
    public static DirectSum jointDomain(UniformGrid grid, int coils) {
        requireCoils(coils);
        List<VectorSpace> parts = new ArrayList<>(coils + 1);
        for (int i = 0; i <= coils; i++) {
            parts.add(grid);
        }
        return new DirectSum(parts);
    }

    /**
     * @param coils the number {@code C ≥ 1} of coils
     * @return the {@code C × (C+1)} distribution: row {@code i} selects the density (column 0)
     *     and coil {@code i} (column {@code i+1})
     */
    public static boolean[][] distribution(int coils) {
        requireCoils(coils);
        boolean[][] d = new boolean[coils][coils + 1];
        for (int i = 0; i < coils; i++) {
            d[i][0] = true;
            d[i][i + 1] = true;
        }
        return d;
    }

    /**
     * Removes the scaling ambiguity of {@code ρ·c}, as regpy's {@code normalize}: the density
     * times the root-sum-of-squares of the coil profiles,
     * {@code ρ̃ = ρ · (Σᵢ |cᵢ|²)^(1/2)} entrywise.
     *
     * @param domain the joint domain, as {@link #jointDomain} builds it
     * @param x an element of it, with coil profiles (not coil unknowns {@code ĉ}). Not modified.
     * @return a fresh complex array (interleaved) of one grid's size
     */
    public static double[] normalize(DirectSum domain, double[] x) {
        double[][] parts = domain.split(x);
        double[] density = parts[0];
        double[] out = new double[density.length];
        for (int k = 0; k < density.length; k += 2) {
            double sq = 0;
            for (int i = 1; i < parts.length; i++) {
                sq += parts[i][k] * parts[i][k] + parts[i][k + 1] * parts[i][k + 1];
            }
            double r = Math.sqrt(sq);
            out[k] = density[k] * r;
            out[k + 1] = density[k + 1] * r;
        }
        return out;
    }

    private static void requireCoils(int coils) {
        if (coils < 1) {
            throw new IllegalArgumentException("parallel MRI needs at least 1 coil but got " + coils);
        }
    }
}
