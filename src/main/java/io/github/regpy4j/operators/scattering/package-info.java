/**
 * Inverse medium scattering: {@link io.github.regpy4j.operators.scattering.MediumScattering}, the
 * map from the contrast of a penetrable medium to the far-field patterns of plane waves scattered
 * by it, each wave one Lippmann–Schwinger equation solved by FFT convolution and GMRES. Port of
 * regpy's {@code MediumScatteringFixed} (regpy-examples, {@code medium_scattering}).
 *
 * <p>A forward evaluation solves one equation per incident direction and returns a few numbers per
 * direction: the case that evaluating operators in worker JVMs is made for. Split the incident
 * directions with {@link io.github.regpy4j.operators.scattering.MediumScattering#splitIncidentDirections(int)}
 * and hand the parts to a {@code ParallelVectorOfOperators}.
 *
 * <p>This package uses {@code vecsps}, {@code operators} and the {@link io.github.regpy4j.linalg.Gmres}
 * solver.
 */
package io.github.regpy4j.operators.scattering;
