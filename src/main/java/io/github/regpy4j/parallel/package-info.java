/**
 * The parent side of the parallel runtime: operators evaluated in child JVMs. Port of regpy's
 * {@code regpy.operators.parallel_operators}.
 *
 * <ul>
 *   <li>{@link io.github.regpy4j.parallel.ParallelVectorOfOperators}: every operator gets the same
 *       argument.
 *   <li>{@link io.github.regpy4j.parallel.DistributedVectorOfOperators}: every operator gets the
 *       components of a direct sum that it needs.
 *   <li>{@link io.github.regpy4j.parallel.ParallelExecutionManager}: a scope that closes them.
 *   <li>{@link io.github.regpy4j.parallel.WorkerOptions}: JVM flags, time limits, and how many
 *       worker JVMs serve the operators ({@code withMaxWorkers(k)}: one per operator by default;
 *       with fewer, each worker evaluates a contiguous block of operators in order).
 *   <li>{@link io.github.regpy4j.parallel.WorkerException} and its subclasses: every way a worker
 *       can fail, each naming the worker and the command.
 * </ul>
 */
package io.github.regpy4j.parallel;
