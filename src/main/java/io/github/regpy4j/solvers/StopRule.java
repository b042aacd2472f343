package io.github.regpy4j.solvers;

/**
 * Decides when an iterative solver stops. Port of regpy's {@code regpy.stoprules.StopRule}.
 *
 * <p>A solver asks the rule about every state, starting with the initial guess (iteration 0), and
 * stops at the first one the rule accepts. Rules may keep state between calls and are then meant
 * for one run. Rules combine with {@link #or(StopRule)} (regpy's {@code rule1 + rule2}): the
 * combination stops as soon as any member does, and {@link #firedRule()} tells which one did.
 */
public interface StopRule {

    /**
     * @param state the solver's current state. Not modified.
     * @return whether to stop at this state
     */
    boolean shouldStop(IterationState state);

    /**
     * @return the rule that made the last {@link #shouldStop} return {@code true}: this rule, or
     *     for a combination the member that fired; {@code null} for a combination that has not fired
     */
    default StopRule firedRule() {
        return this;
    }

    /**
     * @param other another rule
     * @return a rule that stops as soon as this one or {@code other} does (asked in that order)
     */
    default StopRule or(StopRule other) {
        return AnyOf.of(this, other);
    }
}
