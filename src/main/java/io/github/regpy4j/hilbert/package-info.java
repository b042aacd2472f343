/**
 * Hilbert-space structures on vector spaces: the inner products in which regularization methods
 * measure penalties and data misfits. Port of regpy's {@code regpy.hilbert}.
 *
 * <p>A {@link io.github.regpy4j.hilbert.HilbertSpace} is a {@link io.github.regpy4j.vecsps.VectorSpace}
 * {@code X} with a Gram operator {@code G: X → X} (linear, self-adjoint, positive) and its inverse
 * {@code G⁻¹}; the inner product is {@code ⟨x, y⟩_G = Re⟨x, G y⟩} and the norm
 * {@code ‖x‖_G = √⟨x, x⟩_G}. The spaces, with the regpy class each ports:
 *
 * <pre>
 *   regpy4j                 regpy                                   Gram operator G
 *   Euclidean               L2Generic (no weights)                  I
 *   L2.on(grid)             L2UniformGridFcts                       h₀⋯h_{d−1} · I   (cell volume)
 *   L2.weighted(grid, w)    L2UniformGridFcts(weights), L2Generic   h₀⋯h_{d−1} · diag(w)
 *   Hm.on(grid, s)          SobolevUniformGridFcts                  F* diag((1+|ξ|²)^s) F
 *   Hm.on(grid, mask, s)    HmDomain(mask, index)                   P* (P F* diag((1+|ξ|²)^s) F P*) P
 * </pre>
 *
 * <p>An {@link io.github.regpy4j.hilbert.AbstractSpace} is regpy's abstract space: a rule that makes a
 * concrete Hilbert space on whatever vector space an operator has ({@code L2::on},
 * {@code Hm.withMask(mask, 2)}), so that a regularization setting can be written before the
 * spaces are known. Every {@code HilbertSpace} is itself an {@code AbstractSpace} that accepts only
 * its own vector space.
 *
 * <p>This package uses only {@code vecsps} and {@code operators}.
 */
package io.github.regpy4j.hilbert;
