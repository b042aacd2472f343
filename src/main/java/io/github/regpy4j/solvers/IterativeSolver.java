package io.github.regpy4j.solvers;

import io.github.regpy4j.operators.Operator;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An iterative method for {@code F(x) = y^δ}, observable one iteration at a time. Port of regpy's
 * {@code RegSolver} ({@code regpy.solvers}).
 *
 * <p>Three ways to drive it:
 * <ul>
 *   <li>as an {@link Iterator}: {@link #next()} performs one iteration and returns the new state
 *       ({@link #state()} before the first call is the initial guess, iteration 0);
 *   <li>{@link #until(StopRule)}: the states from the initial guess to the first one the rule
 *       accepts, for a for-each loop (regpy's {@code solver.until(stoprule)});
 *   <li>{@link #run(StopRule, Consumer)}: runs to the stop, handing every state to a callback.
 * </ul>
 *
 * <p>Each iteration is logged at INFO through SLF4J: iteration, residual {@code ‖F(xₙ) − y^δ‖},
 * regularization parameter, inner iterations. The residual is measured in the data-fidelity norm
 * of the solver's {@link RegularizationSetting} (the plain norm unless a setting was given).
 */
public abstract class IterativeSolver implements Iterator<IterationState> {

    private static final Logger LOG = LoggerFactory.getLogger(IterativeSolver.class);

    /** The forward operator {@code F}. */
    protected final Operator operator;
    /** {@code F} with its penalty and data-fidelity spaces (plain ones unless a setting was given). */
    protected final RegularizationSetting setting;
    /** The data {@code y^δ}, a private copy. */
    protected final double[] data;

    private IterationState state;

    /**
     * @param operator {@code F}
     * @param data {@code y^δ}, an element of {@code F}'s codomain. Not modified (copied).
     * @throws IllegalArgumentException if the data do not fit the codomain
     */
    protected IterativeSolver(Operator operator, double[] data) {
        this(RegularizationSetting.euclidean(Objects.requireNonNull(operator, "the operator of a solver is null")),
                data);
    }

    /**
     * @param setting {@code F} with the penalty and data-fidelity spaces; residuals are measured
     *     in the data-fidelity norm
     * @param data {@code y^δ}, an element of {@code F}'s codomain. Not modified (copied).
     * @throws IllegalArgumentException if the data do not fit the codomain
     */
    protected IterativeSolver(RegularizationSetting setting, double[] data) {
        this.setting = Objects.requireNonNull(setting, "the setting of a solver is null");
        this.operator = setting.operator();
        this.data = operator.codomain().requireElement(data, "data of " + getClass().getSimpleName()
                + " for " + operator).clone();
    }

    /**
     * Sets the initial state; subclass constructors call it once, after linearizing at {@code x₀}.
     *
     * @param x {@code x₀}, owned by the solver from now on
     * @param y {@code F(x₀)}, owned by the solver from now on
     */
    protected final void start(double[] x, double[] y) {
        state = newState(0, x, y, Double.NaN, 0);
        log(state);
    }

    /**
     * Performs one iteration from {@code current}.
     *
     * @param current the current state
     * @return the next state, built with {@link #newState}
     */
    protected abstract IterationState step(IterationState current);

    /**
     * Builds a state, computing the residual norm {@code ‖y − y^δ‖} in the data-fidelity space.
     *
     * @param iteration the iteration count
     * @param x the iterate, owned by the solver
     * @param y its image, owned by the solver
     * @param regularizationParameter the parameter it was computed with, or {@code NaN}
     * @param innerIterations inner iterations taken
     * @return the state
     */
    protected final IterationState newState(int iteration, double[] x, double[] y, double regularizationParameter,
            int innerIterations) {
        return new IterationState(iteration, x, y, residualNorm(y), regularizationParameter, innerIterations);
    }

    /**
     * @param y an element of the codomain. Not modified.
     * @return {@code ‖y − y^δ‖} in the data-fidelity space (a plain sum of squares when it is Euclidean)
     */
    protected final double residualNorm(double[] y) {
        if (setting.dataFidelity().isEuclidean()) {
            double s = 0;
            for (int k = 0; k < y.length; k++) {
                double d = y[k] - data[k];
                s += d * d;
            }
            return Math.sqrt(s);
        }
        double[] d = y.clone();
        for (int k = 0; k < d.length; k++) {
            d[k] -= data[k];
        }
        return setting.dataFidelity().norm(d);
    }

    /** @return the current state; iteration 0 is the initial guess */
    public final IterationState state() {
        return state;
    }

    /** @return {@code true}: iterations never run out by themselves; stop rules end them */
    @Override
    public boolean hasNext() {
        return true;
    }

    /**
     * Performs one iteration.
     *
     * @return the new state
     */
    @Override
    public final IterationState next() {
        state = step(state);
        log(state);
        return state;
    }

    /**
     * The states from the current one (normally the initial guess) up to and including the first
     * state {@code rule} accepts. Iterating performs the iterations.
     *
     * @param rule when to stop
     * @return a one-shot iterable
     */
    public final Iterable<IterationState> until(StopRule rule) {
        Objects.requireNonNull(rule, "stop rule is null");
        return () -> new Iterator<>() {
            private IterationState pending = state;
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public IterationState next() {
                if (done) {
                    throw new NoSuchElementException("the stop rule " + rule + " already fired");
                }
                IterationState s = pending == null ? IterativeSolver.this.next() : pending;
                pending = null;
                done = rule.shouldStop(s);
                return s;
            }
        };
    }

    /**
     * Runs until {@code rule} accepts a state, asking it first about the current state.
     *
     * @param rule when to stop
     * @param listener called with every state, the current one first and the final one last
     * @return the final state and the rule that stopped the run
     */
    public final SolverResult run(StopRule rule, Consumer<? super IterationState> listener) {
        Objects.requireNonNull(listener, "listener is null");
        IterationState last = null;
        for (IterationState s : until(rule)) {
            listener.accept(s);
            last = s;
        }
        return new SolverResult(last, rule.firedRule());
    }

    /**
     * Runs until {@code rule} accepts a state.
     *
     * @param rule when to stop
     * @return the final state and the rule that stopped the run
     */
    public final SolverResult run(StopRule rule) {
        return run(rule, s -> { });
    }

    private void log(IterationState s) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(Locale.ROOT, "%s iteration %d: residual %.6e, regularization parameter %.4e, inner %d",
                    getClass().getSimpleName(), s.iteration(), s.residualNorm(), s.regularizationParameter(),
                    s.innerIterations()));
        }
    }
}
