/**
 * Iterative regularization methods for {@code F(x) = y} with noisy data {@code y^δ}, and the stop
 * rules that end them. Ports of regpy's {@code regpy.solvers} and {@code regpy.stoprules}.
 *
 * <ul>
 *   <li>{@link io.github.regpy4j.solvers.Landweber}: gradient descent on {@code ½‖F(x) − y^δ‖²}.
 *   <li>{@link io.github.regpy4j.solvers.IrgnmCg}: the iteratively regularized Gauss–Newton method,
 *       each Newton step a Tikhonov problem solved by {@link io.github.regpy4j.solvers.TikhonovCg}.
 *   <li>{@link io.github.regpy4j.solvers.StopRule}s: {@link io.github.regpy4j.solvers.CountIterations},
 *       {@link io.github.regpy4j.solvers.Discrepancy}, combined with {@link
 *       io.github.regpy4j.solvers.StopRule#or(StopRule)}.
 * </ul>
 *
 * <p>Every solver is an {@link java.util.Iterator} of {@link io.github.regpy4j.solvers.IterationState}s
 * and logs one line per iteration through SLF4J (iteration, residual, regularization parameter).
 * Inner products are the plain real ones of {@link io.github.regpy4j.vecsps.VectorSpace} unless a
 * {@link io.github.regpy4j.solvers.RegularizationSetting} gives Hilbert spaces (package {@code
 * hilbert}) for the penalty and the data fidelity, as regpy's {@code RegularizationSetting}
 * does: then adjoints become {@code F^# = G_X⁻¹ F* G_Y}, Tikhonov penalties and residuals are
 * measured with the Gram operators, and the {@link io.github.regpy4j.solvers.Discrepancy}
 * principle reads the residual in the data-fidelity norm.
 *
 * <p>This package uses only {@code vecsps}, {@code operators} and {@code hilbert}.
 */
package io.github.regpy4j.solvers;
