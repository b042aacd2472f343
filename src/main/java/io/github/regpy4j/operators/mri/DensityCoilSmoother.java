package io.github.regpy4j.operators.mri;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;

/**
 * The substitution {@code (ρ, ĉ) ↦ (ρ, S ĉ)}: the density passes unchanged, the coil unknown is
 * smoothed into a coil profile. What regpy's {@code sobolev_smoother} returns (a direct sum of the
 * identity and the smoother), for the single coil of one {@link ParallelMri} forward operator.
 *
 * <p>Linear on {@code X ⊕ X}; its adjoint is {@code (y₀, y₁) ↦ (y₀, S* y₁)}.
 */
public final class DensityCoilSmoother extends Operator {

    private final Operator smoother;

    /**
     * @param smoother {@code S: X → X}, linear (e.g. a {@link SobolevSmoother}, or an identity for
     *     the unsmoothed model)
     * @throws IllegalArgumentException if {@code S} is nonlinear or not an endomorphism
     */
    public DensityCoilSmoother(Operator smoother) {
        super(pairOf(smoother), pairOf(smoother), true);
        this.smoother = smoother;
    }

    private static DirectSum pairOf(Operator smoother) {
        if (smoother == null) {
            throw new IllegalArgumentException("the smoother of a DensityCoilSmoother is null");
        }
        if (!smoother.isLinear() || !smoother.domain().equals(smoother.codomain())) {
            throw new IllegalArgumentException("a DensityCoilSmoother needs a linear S: X → X but got " + smoother
                    + (smoother.isLinear() ? "" : " (nonlinear)"));
        }
        return new DirectSum(smoother.domain(), smoother.domain());
    }

    /** @return the smoother {@code S} */
    public Operator smoother() {
        return smoother;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        DirectSum pair = (DirectSum) domain();
        double[][] parts = pair.split(x);
        return pair.join(parts[0], smoother.apply(parts[1]));
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        DirectSum pair = (DirectSum) domain();
        double[][] parts = pair.split(y);
        return pair.join(parts[0], smoother.adjoint().apply(parts[1]));
    }

    /** @return e.g. {@code DensityCoilSmoother[SobolevSmoother[…]]} */
    @Override
    public String toString() {
        return "DensityCoilSmoother[" + smoother + "]";
    }
}
