package io.github.regpy4j.operators.mri;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * The product of a spin density and one coil sensitivity profile, {@code (ρ, c) ↦ ρ·c}
 * (entrywise). Port of regpy's {@code CoilMult} (regpy's {@code operators/mri.py}) for a single
 * coil, the form regpy's parallel MRI example distributes over processes.
 *
 * <p>On {@code X ⊕ X → X}, for a real or complex space {@code X}; bilinear, hence nonlinear:
 *
 * <pre>
 *   M(ρ, c)          = ρ·c
 *   M'(ρ, c)(h, k)   = h·c + ρ·k
 *   M'(ρ, c)* y      = (conj(c)·y, conj(ρ)·y)
 * </pre>
 *
 * <p>The pair {@code (ρ, c)} is not determined by its product ({@code (tρ, c/t)} gives the same),
 * which is why reconstructions are compared after {@link ParallelMri#normalize}.
 */
public final class CoilMultiplication extends Operator {

    private double[] density;
    private double[] coil;

    /** @param space {@code X}, where density, coil profile and their product live */
    public CoilMultiplication(VectorSpace space) {
        super(new DirectSum(requireSpace(space), space), space, false);
    }

    private static VectorSpace requireSpace(VectorSpace space) {
        if (space == null) {
            throw new IllegalArgumentException("the space of a CoilMultiplication is null");
        }
        return space;
    }

    private DirectSum pair() {
        return (DirectSum) domain();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[][] parts = pair().split(x);
        if (differentiate) {
            density = parts[0];
            coil = parts[1];
        }
        return multiply(parts[0], parts[1], false);
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        double[][] parts = pair().split(h);
        double[] a = multiply(parts[0], coil, false);
        double[] b = multiply(density, parts[1], false);
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
        return a;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return pair().join(multiply(coil, y, true), multiply(density, y, true));
    }

    /** {@code conj(a)·b} if {@code conjugateFirst}, else {@code a·b}; interleaved when complex. */
    private double[] multiply(double[] a, double[] b, boolean conjugateFirst) {
        double[] z = new double[a.length];
        if (!codomain().isComplex()) {
            for (int k = 0; k < z.length; k++) {
                z[k] = a[k] * b[k];
            }
            return z;
        }
        double sign = conjugateFirst ? -1.0 : 1.0;
        for (int k = 0; k < z.length; k += 2) {
            double ar = a[k], ai = sign * a[k + 1], br = b[k], bi = b[k + 1];
            z[k] = ar * br - ai * bi;
            z[k + 1] = ar * bi + ai * br;
        }
        return z;
    }

    /** @return e.g. {@code CoilMultiplication[UniformGrid[100x100, complex]]} */
    @Override
    public String toString() {
        return "CoilMultiplication[" + codomain() + "]";
    }
}
