/**
 * The two names of the worker side that others rely on: {@link
 * io.github.regpy4j.worker.OperatorWorker}, the {@code main} class on every worker's command
 * line, and {@link io.github.regpy4j.worker.ExitCode}, how a worker answered a request. Users
 * meet the parallel runtime through package {@code io.github.regpy4j.parallel} and never need
 * either; everything else of the worker side is in {@code io.github.regpy4j.worker.internal}.
 *
 * <p>A worker is a child JVM running {@code OperatorWorker}. It answers requests read from stdin
 * with replies written to the real stdout, one frame each, and re-points {@code System.out} to
 * stderr so nothing a user's operator prints can reach the channel. A watchdog ends the worker as
 * soon as its parent is gone.
 */
package io.github.regpy4j.worker;
