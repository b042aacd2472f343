/**
 * Matrix-free linear algebra on plain {@code double[]} vectors, below every other layer:
 * {@link io.github.regpy4j.linalg.Gmres}, restarted GMRES for complex systems stored interleaved
 * (re, im, re, im, …), as the Lippmann–Schwinger solver of
 * {@link io.github.regpy4j.operators.scattering.MediumScattering} needs it.
 *
 * <p>This package uses nothing else of regpy4j, so operators may solve linear systems with it
 * without depending on the iterative regularization methods of {@code solvers}.
 */
package io.github.regpy4j.linalg;
