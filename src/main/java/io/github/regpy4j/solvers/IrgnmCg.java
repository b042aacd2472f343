package io.github.regpy4j.solvers;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import java.util.Objects;

/**
 * The iteratively regularized Gauss–Newton method with an inner CG solver. Port of regpy's
 * {@code IrgnmCG} ({@code regpy.solvers.nonlinear.irgnm}).
 *
 * <p>Each iteration linearizes {@code F} at {@code xₙ} and takes the minimizer of
 *
 * <pre>
 *   ‖F(xₙ) + F'(xₙ) h − y^δ‖² + αₙ ‖xₙ + h − x₀‖²,      xₙ₊₁ = xₙ + h,      αₙ₊₁ = q·αₙ
 * </pre>
 *
 * <p>computed by {@link TikhonovCg} with {@code T = F'(xₙ)}, {@code r = y^δ − F(xₙ)} and
 * {@code h_ref = x₀ − xₙ}: the iterates are regularized towards the initial guess {@code x₀}, and
 * the regularization parameters form the decreasing geometric sequence {@code αₙ = α₀ qⁿ}
 * ({@code 0 < q < 1}). Stop it with the {@link Discrepancy} principle.
 *
 * <p>In the Hilbert spaces of a {@link RegularizationSetting} both norms are those of the
 * setting's Gram operators, as in regpy. Build it with {@link #builder(Operator, double[])} (plain
 * norms) or {@link #builder(RegularizationSetting, double[])}.
 */
public final class IrgnmCg extends IterativeSolver {

    private final double[] init;
    private final double alphaStep;
    private final TikhonovCg.Options cgOptions;
    private double alpha;
    private Operator derivative;

    private IrgnmCg(Builder b) {
        super(b.setting, b.data);
        this.init = b.init == null ? operator.domain().zeros()
                : operator.domain().requireElement(b.init, "initial guess of IrgnmCg for " + operator).clone();
        this.alpha = b.alpha0;
        this.alphaStep = b.alphaStep;
        this.cgOptions = b.cgOptions;
        Linearization lin = operator.linearize(init);
        this.derivative = lin.derivative();
        start(init.clone(), lin.value());
    }

    /**
     * @param operator {@code F}, differentiable
     * @param data {@code y^δ}. Not modified (copied).
     * @return a builder with regpy's defaults: {@code x₀ = 0}, {@code α₀ = 1}, {@code q = 2/3},
     *     {@link TikhonovCg.Options#irgnmDefaults()}
     */
    public static Builder builder(Operator operator, double[] data) {
        Objects.requireNonNull(operator, "the operator of IrgnmCg is null");
        return new Builder(RegularizationSetting.euclidean(operator), data);
    }

    /**
     * IRGNM in the Hilbert spaces of a setting (regpy's {@code IrgnmCG(setting, data, …)}): each
     * Newton step minimizes {@code ‖F(xₙ) + F'(xₙ) h − y^δ‖²_{G_Y} + αₙ ‖xₙ + h − x₀‖²_{G_X}}
     * with {@link TikhonovCg#solve(RegularizationSetting, double[], double, double[], TikhonovCg.Options)},
     * and residuals are reported in the data-fidelity norm.
     *
     * @param setting {@code F}, differentiable, with its penalty and data-fidelity spaces
     * @param data {@code y^δ}. Not modified (copied).
     * @return a builder with regpy's defaults, as {@link #builder(Operator, double[])}
     */
    public static Builder builder(RegularizationSetting setting, double[] data) {
        return new Builder(Objects.requireNonNull(setting, "the setting of IrgnmCg is null"), data);
    }

    /** @return the regularization parameter the next iteration will use */
    public double nextRegularizationParameter() {
        return alpha;
    }

    @Override
    protected IterationState step(IterationState current) {
        double[] x = current.x();
        double[] residual = data.clone();
        double[] hRef = init.clone();
        for (int k = 0; k < residual.length; k++) {
            residual[k] -= current.y()[k];
        }
        for (int k = 0; k < hRef.length; k++) {
            hRef[k] -= x[k];
        }
        TikhonovCg.Result inner = TikhonovCg.solve(setting.withOperator(derivative), residual, alpha, hRef,
                cgOptions);
        double[] next = x.clone();
        double[] h = inner.h();
        for (int k = 0; k < next.length; k++) {
            next[k] += h[k];
        }
        Linearization lin = operator.linearize(next);
        derivative = lin.derivative();
        double used = alpha;
        alpha *= alphaStep;
        return newState(current.iteration() + 1, next, lin.value(), used, inner.iterations());
    }

    /** Collects the parameters of an {@link IrgnmCg}; each setter checks its argument. */
    public static final class Builder {
        private final RegularizationSetting setting;
        private final double[] data;
        private double[] init;
        private double alpha0 = 1.0;
        private double alphaStep = 2.0 / 3;
        private TikhonovCg.Options cgOptions = TikhonovCg.Options.irgnmDefaults();

        private Builder(RegularizationSetting setting, double[] data) {
            this.setting = setting;
            this.data = data;
        }

        /**
         * @param x0 the initial guess {@code x₀}, towards which iterates are regularized. Not modified (copied).
         * @return this builder
         */
        public Builder init(double[] x0) {
            this.init = x0;
            return this;
        }

        /**
         * @param alpha0 the initial regularization parameter {@code α₀ > 0} (regpy's {@code regpar})
         * @return this builder
         */
        public Builder alpha0(double alpha0) {
            if (!(alpha0 > 0) || !Double.isFinite(alpha0)) {
                throw new IllegalArgumentException("IrgnmCg needs α₀ > 0 but got " + alpha0);
            }
            this.alpha0 = alpha0;
            return this;
        }

        /**
         * @param q the factor {@code 0 < q < 1} by which {@code α} shrinks each iteration
         *     (regpy's {@code regpar_step})
         * @return this builder
         */
        public Builder alphaStep(double q) {
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("IrgnmCg needs a step factor 0 < q < 1 but got " + q);
            }
            this.alphaStep = q;
            return this;
        }

        /**
         * @param options when the inner CG stops
         * @return this builder
         */
        public Builder cgOptions(TikhonovCg.Options options) {
            this.cgOptions = Objects.requireNonNull(options, "CG options are null");
            return this;
        }

        /**
         * Linearizes {@code F} at {@code x₀}.
         *
         * @return the solver, in its initial state
         */
        public IrgnmCg build() {
            return new IrgnmCg(this);
        }
    }
}
