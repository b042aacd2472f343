/**
 * Internal: the child side of the parallel runtime and the wire between parent and child. Public
 * only because the parent side, package {@code io.github.regpy4j.parallel}, uses these types; they
 * are no part of regpy4j's API and may change or go in any version without notice. Users meet the
 * runtime through {@code io.github.regpy4j.parallel}.
 *
 * <p>A worker is a child JVM running {@link io.github.regpy4j.worker.OperatorWorker}, which hands
 * over to {@link io.github.regpy4j.worker.internal.WorkerMain}. It answers requests read from
 * stdin with replies written to the real stdout, one {@linkplain
 * io.github.regpy4j.worker.internal.FrameFormat frame} each.
 *
 * <p>Trust: a worker deserializes its stdin with Kryo without class registration, so any class
 * on its classpath can be built from those bytes, and a request can name shared-memory files to
 * map. That is safe only because nobody but its parent writes to its stdin: a pipe the parent
 * created, or for a remote worker the authenticated SSH or {@code srun} channel. Shared-memory
 * regions are owner-only (0600) from their creation, under names with 128 random bits, and a
 * worker maps only such a file of its own user ({@link io.github.regpy4j.worker.internal.SharedRegion}).
 * RELIABILITY.md, "Trust model", has the whole of it.
 *
 * <p>Depends on {@code vecsps} and {@code operators}; Kryo appears only here, never in a public
 * signature of the core.
 */
package io.github.regpy4j.worker.internal;
