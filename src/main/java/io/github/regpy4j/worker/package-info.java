/**
 * The child side of the parallel runtime and the wire between parent and child. Internal: the
 * types here may change between versions without notice; users meet the runtime through
 * package {@code io.github.regpy4j.parallel}.
 *
 * <p>A worker is a child JVM running {@link io.github.regpy4j.worker.OperatorWorker}. It answers
 * requests read from stdin with replies written to the real stdout, one {@linkplain
 * io.github.regpy4j.worker.FrameFormat frame} each, and re-points {@code System.out} to stderr so
 * nothing a user's operator prints can reach the channel. A watchdog ends the worker as soon as
 * its parent is gone.
 *
 * <p>Depends on {@code vecsps} and {@code operators}; Kryo appears only here, never in a public
 * signature of the core.
 */
package io.github.regpy4j.worker;
