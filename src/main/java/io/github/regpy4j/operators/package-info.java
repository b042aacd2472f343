/**
 * Operators with derivatives and adjoints, their algebra, and the operators regpy offers. Port
 * of regpy's {@code regpy.operators}.
 *
 * <p>The base is {@link io.github.regpy4j.operators.Operator}; the algebra ({@code andThen},
 * {@code compose}, {@code plus}, {@code minus}, {@code negate}, {@code scale}, {@code shift},
 * {@code shiftArgument}) builds new operators whose derivatives follow the chain and sum rules.
 * The concrete operators, with the regpy class each ports:
 *
 * <pre>
 *   regpy4j                   regpy                   map
 *   Identity                  Identity                x ↦ x
 *   Zero                      Zero                    x ↦ 0
 *   PointwiseMultiplication   PtwMultiplication       x ↦ w ⊙ x, real or complex w
 *   Power                     Power                   x ↦ x^p pointwise (real, nonlinear)
 *   Exponential               Exponential             x ↦ exp(x) pointwise (nonlinear)
 *   MatrixOperator            MatrixMultiplication    x ↦ A x, A an EJML DMatrixRMaj
 *   ComplexMatrixOperator     MatrixMultiplication    z ↦ A z, A an EJML ZMatrixRMaj
 *   DirectSumOperator         DirectSum (operator)    block diagonal T₀ ⊕ … ⊕ Tₙ₋₁
 *   VectorOfOperators         VectorOfOperators       x ↦ (T₀(x), …, Tₙ₋₁(x)), optionally distributed
 *   RealPart, ImaginaryPart   RealPart, ImaginaryPart z ↦ Re z, z ↦ Im z
 *   SquaredModulus            SquaredModulus          z ↦ |z|² (nonlinear)
 * </pre>
 *
 * <p>Adjoints are taken with respect to the real inner product {@code Re⟨·,·⟩}, as in regpy.
 * Operators never modify their arguments and return fresh arrays; {@code applyInto(x, out)} is
 * the in-place variant, writing into an array the caller owns. The checks of package {@code
 * diagnostics} test an operator's adjoint and derivative.
 *
 * <p>Depends only on {@code vecsps}; it never knows that processes exist.
 */
package io.github.regpy4j.operators;
