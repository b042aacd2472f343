package io.github.regpy4j.solvers;

/**
 * How a run of an iterative solver ended.
 *
 * @param state the state it stopped at: the reconstruction is {@code state.x()}
 * @param stoppedBy the rule that stopped it (for a combination, the member that fired)
 */
public record SolverResult(IterationState state, StopRule stoppedBy) {}
