package io.github.regpy4j.solvers;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Morozov's discrepancy principle. Port of regpy's {@code Discrepancy}: stops at the first
 * iterate whose residual is within a multiple of the noise level,
 *
 * <pre>
 *   ‖F(xₙ) − y^δ‖ ≤ τ·δ,      τ &gt; 1,   δ ≥ ‖y − y^δ‖
 * </pre>
 *
 * <p>It reads {@link IterationState#residualNorm()}, which solvers compute in the data-fidelity
 * norm of their {@link RegularizationSetting} (the plain norm of the codomain unless a setting
 * was given); give {@code δ} in the same norm, e.g. {@code setting.dataFidelity().norm(noise)} as
 * regpy's example gives {@code setting.h_codomain.norm(noise)}, or use {@link
 * #forNoise(RegularizationSetting, double[], double)}.
 */
public final class Discrepancy implements StopRule {

    private static final Logger LOG = LoggerFactory.getLogger(Discrepancy.class);

    private final double noiseLevel;
    private final double tau;

    /**
     * @param noiseLevel {@code δ > 0}
     * @param tau {@code τ > 1} (regpy's default is 2; its MRI example uses 1.1)
     * @throws IllegalArgumentException if {@code δ ≤ 0} or {@code τ ≤ 1} or either is not finite
     */
    public Discrepancy(double noiseLevel, double tau) {
        if (!(noiseLevel > 0) || !Double.isFinite(noiseLevel)) {
            throw new IllegalArgumentException("the discrepancy principle needs a noise level δ > 0 but got " + noiseLevel);
        }
        if (!(tau > 1) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("the discrepancy principle needs τ > 1 but got " + tau);
        }
        this.noiseLevel = noiseLevel;
        this.tau = tau;
    }

    /**
     * The discrepancy principle with the noise level measured in a setting's data-fidelity norm,
     * as regpy's example writes {@code Discrepancy(setting.h_codomain.norm, data,
     * noiselevel=setting.h_codomain.norm(noise), tau=τ)}.
     *
     * @param setting the setting the solver runs in
     * @param noise the noise {@code y^δ − y} (or an estimate of its size in the same space). Not modified.
     * @param tau {@code τ > 1}
     * @return the rule with {@code δ = ‖noise‖_{G_Y}}
     * @throws IllegalArgumentException if the noise is not an element of the codomain, is zero, or {@code τ ≤ 1}
     */
    public static Discrepancy forNoise(RegularizationSetting setting, double[] noise, double tau) {
        return new Discrepancy(setting.dataFidelity().norm(noise), tau);
    }

    /** @return {@code δ} */
    public double noiseLevel() {
        return noiseLevel;
    }

    /** @return {@code τ} */
    public double tau() {
        return tau;
    }

    /** @return whether {@code ‖F(xₙ) − y^δ‖ ≤ τ·δ} */
    @Override
    public boolean shouldStop(IterationState state) {
        double relative = state.residualNorm() / noiseLevel;
        LOG.debug("iteration {}: relative discrepancy {} (stops at ≤ τ = {})", state.iteration(), relative, tau);
        return relative <= tau;
    }

    /** @return e.g. {@code Discrepancy[τ=1.1, δ=5.000e-01]} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Discrepancy[τ=%s, δ=%.3e]", tau, noiseLevel);
    }
}
