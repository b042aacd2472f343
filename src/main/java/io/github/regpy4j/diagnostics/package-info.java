/**
 * Checks users run on their own operators: the scale-invariant adjoint test ({@link
 * io.github.regpy4j.diagnostics.AdjointCheck}), the Taylor test of the derivative ({@link
 * io.github.regpy4j.diagnostics.TaylorCheck}) and the linearity test ({@link
 * io.github.regpy4j.diagnostics.LinearityCheck}). In the spirit of ODL's {@code odl.diagnostics}.
 *
 * <p>Each check returns a record with its figures, {@code passed()} and a {@code toString()} that
 * reads as a small table. Randomness comes from a {@link java.util.Random} the caller seeds.
 * Nothing here depends on a test framework.
 *
 * <p>Depends only on {@code vecsps} and {@code operators}.
 */
package io.github.regpy4j.diagnostics;
