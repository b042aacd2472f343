package io.github.regpy4j.operators;

/**
 * The value {@code F(x)} of an operator at a point together with its derivative {@code F'(x)}
 * there, as {@link Operator#linearize(double[])} returns them. Port of the pair regpy's
 * {@code Operator.linearize} returns.
 *
 * <p>The derivative of a nonlinear operator is valid until its operator is evaluated or
 * linearized again; using it after that throws {@link IllegalStateException}. The derivative of
 * a linear operator is the operator itself and never goes stale.
 *
 * @param value {@code F(x)}, a fresh array owned by the caller
 * @param derivative the linear operator {@code h ↦ F'(x)h}; its {@link Operator#adjoint()} is
 *     {@code F'(x)*}
 */
@SuppressWarnings("ArrayRecordComponent") // value: the caller's fresh array, no copy; never compared
public record Linearization(double[] value, Operator derivative) {}
