package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Objects;

/**
 * A map {@code F: X → Y} between vector spaces, possibly nonlinear, with a derivative and, for
 * linear maps and derivatives, an adjoint. Port of regpy's {@code regpy.operators.Operator}.
 *
 * <h2>Using an operator</h2>
 * <ul>
 *   <li>{@link #apply(double[])} evaluates {@code F(x)}.
 *   <li>{@link #linearize(double[])} evaluates {@code F(x)} and returns it with the derivative
 *       {@code F'(x)}, a linear operator valid until this operator is evaluated or linearized
 *       again (as in regpy; a stale derivative throws {@link IllegalStateException}).
 *   <li>{@link #adjoint()} of a linear operator is {@code F*} with {@code ⟨F x, y⟩ = ⟨x, F* y⟩}
 *       for the real inner product {@code Re⟨·,·⟩} of {@link VectorSpace}.
 *   <li>The algebra: {@link #andThen(Operator)}, {@link #compose(Operator)}, {@link
 *       #plus(Operator)}, {@link #minus(Operator)}, {@link #negate()}, {@link #scale(double)},
 *       {@link #shift(double[])} and {@link #shiftArgument(double[])}. Derivatives follow the
 *       chain and sum rules.
 * </ul>
 *
 * <h2>Writing an operator</h2>
 * Subclasses implement {@link #evaluate(double[], boolean)} and, as they support them, {@link
 * #applyDerivative(double[])} and {@link #applyAdjoint(double[])}. For a nonlinear operator the
 * last two act at the point of the last {@code evaluate(x, true)}; for a linear one the
 * derivative is the operator itself (the default {@code applyDerivative} evaluates) and {@code
 * applyAdjoint} is the adjoint. They never modify their argument and return a fresh array; the
 * lengths of arguments and results are checked here, so implementations need not check them (a
 * result of the wrong length, or the argument itself handed back, is reported as the
 * implementation's bug with an {@link IllegalStateException} naming its class).
 *
 * <h2>Evaluating into a given array</h2>
 * {@link #applyInto(double[], double[])} is the in-place variant of {@code apply}: the result is
 * written into an array the caller owns (output argument last, as in EJML), so a loop that
 * evaluates again and again need not allocate. An operator that can write its result directly
 * overrides {@link #evaluateInto(double[], double[])} (and, if linear, {@link
 * #applyAdjointInto(double[], double[])} for its adjoint) and says so with {@link
 * #evaluatesInto()}; the defaults compute a fresh result and copy it. A nonlinear operator whose
 * derivative can do the same says so with {@link #derivativeEvaluatesInto()}, and its derivative's
 * {@code applyInto} then writes directly too. A worker process uses this to keep its
 * argument and result arrays from one call to the next: for large vectors, allocating and
 * zeroing them, and collecting them again, cost more than the transfer itself (BENCHMARKS.md).
 *
 * <p>Operators are not thread-safe: an operator remembers its last linearization. Parallel
 * operators (package {@code parallel}) are, and serialize their calls.
 */
public abstract class Operator {

    private final VectorSpace domain;
    private final VectorSpace codomain;
    private final boolean linear;

    /** Counts evaluations; a derivative remembers the count it was made at, to detect staleness. */
    private long revision;

    /**
     * @param domain {@code X}
     * @param codomain {@code Y}
     * @param linear whether {@code F} is linear; a linear operator must implement {@link
     *     #applyAdjoint(double[])} for {@link #adjoint()} to work
     */
    protected Operator(VectorSpace domain, VectorSpace codomain, boolean linear) {
        this.domain = Objects.requireNonNull(domain, () -> "domain of " + getClass().getName() + " is null");
        this.codomain = Objects.requireNonNull(codomain, () -> "codomain of " + getClass().getName() + " is null");
        this.linear = linear;
    }

    /** @return the domain {@code X} */
    public final VectorSpace domain() {
        return domain;
    }

    /** @return the codomain {@code Y} */
    public final VectorSpace codomain() {
        return codomain;
    }

    /** @return whether {@code F} is linear */
    public final boolean isLinear() {
        return linear;
    }

    /**
     * Evaluates {@code F(x)}. Revokes the derivative of an earlier linearization of a nonlinear
     * operator.
     *
     * @param x an element of the domain. Not modified.
     * @return {@code F(x)}, a fresh element of the codomain
     * @throws IllegalArgumentException if {@code x} is not an element of the domain
     */
    public final double[] apply(double[] x) {
        requireIn(domain, x, "argument");
        revision++;
        return requireFresh(requireResult(evaluate(x, false), codomain, "evaluate"), x, "evaluate");
    }

    /**
     * Evaluates {@code F(x)} into {@code out}: the in-place variant of {@link #apply(double[])}.
     * Revokes the derivative of an earlier linearization as {@code apply} does.
     *
     * @param x an element of the domain. Not modified.
     * @param out an element of the codomain, not {@code x} itself. Modified: overwritten with
     *     {@code F(x)}; if this throws, possibly in part.
     * @throws IllegalArgumentException if {@code x} is not an element of the domain, {@code out}
     *     not one of the codomain, or {@code out} is {@code x}
     */
    public final void applyInto(double[] x, double[] out) {
        requireIn(domain, x, "argument");
        requireIn(codomain, out, "output array");
        if (out == x) {
            throw new IllegalArgumentException("the output array is the argument itself; applyInto needs a separate"
                    + " array (operator " + this + ")");
        }
        revision++;
        evaluateInto(x, out);
    }

    /**
     * Whether {@link #evaluateInto(double[], double[])} is this operator's own: it writes {@code
     * F(x)} into {@code out} without allocating a result, and keeps no reference to {@code x} or
     * {@code out} once it returns (they are lent to the call). A linear operator promises the
     * same of {@link #applyAdjointInto(double[], double[])}, so that its {@link #adjoint()}
     * evaluates into arrays too. Callers that reuse their arrays from call to call, as a worker
     * process does, rely on the promise. Capability query in the manner of Hipparchus' {@code
     * isTransposable()}.
     *
     * @return {@code false} unless a subclass overrides both this and {@code evaluateInto} (and,
     *     when linear, {@code applyAdjointInto})
     */
    public boolean evaluatesInto() {
        return false;
    }

    /**
     * Computes {@code F(x)} into {@code out}. The default copies a fresh {@link #evaluate(double[],
     * boolean)}; an operator that can do better overrides this and {@link #evaluatesInto()}.
     *
     * @param x an element of the domain, already checked, never {@code out}. Not modified; not
     *     to be kept after the call when {@code evaluatesInto()} is true.
     * @param out an element of the codomain, already checked. Modified: every entry is
     *     overwritten (it holds whatever the caller left in it).
     */
    protected void evaluateInto(double[] x, double[] out) {
        double[] y = requireResult(evaluate(x, false), codomain, "evaluate");
        System.arraycopy(y, 0, out, 0, y.length);
    }

    /**
     * Evaluates {@code F(x)} and the derivative {@code F'(x)}.
     *
     * @param x an element of the domain. Not modified.
     * @return the value and the derivative, which stays valid until this operator is evaluated
     *     or linearized again (for a linear operator it is the operator itself)
     * @throws IllegalArgumentException if {@code x} is not an element of the domain
     */
    public final Linearization linearize(double[] x) {
        if (linear) {
            return new Linearization(apply(x), this);
        }
        requireIn(domain, x, "argument");
        revision++;
        double[] y = requireFresh(requireResult(evaluate(x, true), codomain, "evaluate"), x, "evaluate");
        return new Linearization(y, new Derivative(this, revision));
    }

    /**
     * The adjoint {@code F*: Y → X} of a linear operator, with {@code ⟨F x, y⟩ = ⟨x, F* y⟩}.
     *
     * @return the adjoint; its adjoint is this operator again
     * @throws UnsupportedOperationException if this operator is not linear (linearize it and take
     *     the adjoint of the derivative instead)
     */
    public Operator adjoint() {
        if (!linear) {
            throw new UnsupportedOperationException(this + " is nonlinear and has no adjoint; "
                    + "take the adjoint of the derivative from linearize(x) instead");
        }
        return new Adjoint(this);
    }

    /**
     * The normal operator {@code F*F: X → X} of a linear operator, the operator of the normal
     * equation that least squares and Tikhonov CG solve. Applying it equals applying {@code F}
     * and then {@code F*} (the default does exactly that); an operator whose pieces live
     * elsewhere does better by computing each piece's {@code Fᵢ*Fᵢ h} where it lives and
     * sending back only the domain's sum: a parallel operator's workers then never return
     * {@code F h}, an element of the (often larger) codomain, to be sent back for the adjoint.
     *
     * @return {@code F*F}, linear and self-adjoint
     * @throws UnsupportedOperationException if this operator is not linear (linearize it and take
     *     the normal operator of the derivative instead)
     */
    public Operator normal() {
        if (!linear) {
            throw new UnsupportedOperationException(this + " is nonlinear and has no normal operator; "
                    + "take the normal operator of the derivative from linearize(x) instead");
        }
        return new Normal(this);
    }

    /**
     * @param next {@code G: Y → Z}
     * @return {@code G ∘ F: x ↦ G(F(x))}
     * @throws IllegalArgumentException if {@code next}'s domain is not this codomain
     */
    public Operator andThen(Operator next) {
        return new Composition(requireOperand(next, "andThen"), this);
    }

    /**
     * @param inner {@code H: W → X}
     * @return {@code F ∘ H: w ↦ F(H(w))}
     * @throws IllegalArgumentException if {@code inner}'s codomain is not this domain
     */
    public Operator compose(Operator inner) {
        return new Composition(this, requireOperand(inner, "compose"));
    }

    /**
     * @param other {@code G: X → Y}
     * @return {@code F + G: x ↦ F(x) + G(x)}
     * @throws IllegalArgumentException if the domains or codomains differ
     */
    public Operator plus(Operator other) {
        return new Sum(this, 1.0, requireOperand(other, "plus"), 1.0);
    }

    /**
     * @param other {@code G: X → Y}
     * @return {@code F − G: x ↦ F(x) − G(x)}
     * @throws IllegalArgumentException if the domains or codomains differ
     */
    public Operator minus(Operator other) {
        return new Sum(this, 1.0, requireOperand(other, "minus"), -1.0);
    }

    /** @return {@code −F: x ↦ −F(x)} */
    public Operator negate() {
        return scale(-1.0);
    }

    /**
     * Left multiplication by a scalar (for a nonlinear operator it differs from scaling the
     * argument, which is {@code compose(new Identity(domain()).scale(s))}).
     *
     * @param s the factor, finite
     * @return {@code s·F: x ↦ s·F(x)}
     */
    public Operator scale(double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("scale factor must be finite but is " + s + " (operator " + this + ")");
        }
        return new ScaledOperator(this, s);
    }

    /**
     * The operator shifted in its codomain (regpy's {@code OuterShift}, with the opposite sign
     * convention: the offset is added). Affine, hence nonlinear unless {@code offset} is zero.
     *
     * @param offset an element of the codomain. Not modified (copied).
     * @return {@code x ↦ F(x) + offset}
     */
    public Operator shift(double[] offset) {
        return new OuterShift(this, requireIn(codomain, offset, "shift offset").clone());
    }

    /**
     * The operator with its argument shifted (regpy's {@code InnerShift}).
     *
     * @param offset an element of the domain. Not modified (copied).
     * @return {@code x ↦ F(x − offset)}
     */
    public Operator shiftArgument(double[] offset) {
        return new InnerShift(this, requireIn(domain, offset, "argument shift").clone());
    }

    /**
     * Computes {@code F(x)}; with {@code differentiate}, also prepares the derivative at {@code x}
     * for {@link #applyDerivative(double[])} and {@link #applyAdjoint(double[])}.
     *
     * @param x an element of the domain, already checked. Not modified.
     * @param differentiate whether a derivative at {@code x} will be asked for
     * @return a fresh element of the codomain
     */
    protected abstract double[] evaluate(double[] x, boolean differentiate);

    /**
     * Applies the derivative at the point of the last {@code evaluate(x, true)}. The default
     * evaluates a linear operator, which is its own derivative.
     *
     * @param h an element of the domain, already checked. Not modified.
     * @return {@code F'(x)h}, a fresh element of the codomain
     */
    protected double[] applyDerivative(double[] h) {
        if (linear) {
            return evaluate(h, false);
        }
        throw new UnsupportedOperationException(getClass().getName() + " does not implement applyDerivative");
    }

    /**
     * Whether the derivative {@code F'(x)} of this nonlinear operator evaluates into arrays: {@link
     * #applyDerivativeInto(double[], double[])} and {@link #applyAdjointInto(double[], double[])}
     * are its own and keep the promise of {@link #evaluatesInto()}. The derivative from {@link
     * #linearize(double[])} then says {@code evaluatesInto()} itself, so that a solver that
     * applies it step after step (CG) can reuse its arrays. (A linear operator is its own
     * derivative: {@code evaluatesInto()} answers for it.)
     *
     * @return {@code false} unless a subclass overrides this and both methods
     */
    protected boolean derivativeEvaluatesInto() {
        return false;
    }

    /**
     * Applies the derivative at the point of the last {@code evaluate(x, true)} into {@code out}:
     * what the derivative's {@code applyInto} runs. The default copies a fresh {@link
     * #applyDerivative(double[])}; an operator that says {@link #derivativeEvaluatesInto()}
     * overrides it to write directly.
     *
     * @param h an element of the domain, already checked, never {@code out}. Not modified.
     * @param out an element of the codomain, already checked. Modified: every entry is
     *     overwritten.
     */
    protected void applyDerivativeInto(double[] h, double[] out) {
        double[] y = requireResult(applyDerivative(h), codomain, "applyDerivative");
        System.arraycopy(y, 0, out, 0, y.length);
    }

    /**
     * Applies the adjoint of a linear operator into {@code out}: what {@link #adjoint()}'s {@code
     * applyInto} runs. The default copies a fresh {@link #applyAdjoint(double[])}; an operator
     * that says {@link #evaluatesInto()} overrides it to write directly.
     *
     * @param y an element of the codomain, already checked, never {@code out}. Not modified.
     * @param out an element of the domain, already checked. Modified: every entry is
     *     overwritten.
     */
    protected void applyAdjointInto(double[] y, double[] out) {
        double[] x = requireResult(applyAdjoint(y), domain, "applyAdjoint");
        System.arraycopy(x, 0, out, 0, x.length);
    }

    /**
     * Applies the adjoint: of the operator if it is linear, else of the derivative at the point of
     * the last {@code evaluate(x, true)}.
     *
     * @param y an element of the codomain, already checked. Not modified.
     * @return {@code F* y} or {@code F'(x)* y}, a fresh element of the domain
     */
    protected double[] applyAdjoint(double[] y) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement applyAdjoint");
    }

    /**
     * Applies the normal operator: {@code F*F h} if this operator is linear, else {@code F'(x)*F'(x)
     * h} at the point of the last {@code evaluate(x, true)}; what {@link #normal()} runs. The
     * default applies the derivative and then the adjoint. Override it when the two together cost
     * less than one after the other, and keep the promise: the same value as the default, up to
     * the order of the additions.
     *
     * @param h an element of the domain, already checked. Not modified.
     * @return a fresh element of the domain
     */
    protected double[] applyNormal(double[] h) {
        double[] y = requireFresh(requireResult(applyDerivative(h), codomain, "applyDerivative"), h, "applyDerivative");
        return applyAdjoint(y);
    }

    /**
     * Applies the normal operator into {@code out}: what {@link #normal()}'s {@code applyInto}
     * runs. The default copies a fresh {@link #applyNormal(double[])}.
     *
     * @param h an element of the domain, already checked, never {@code out}. Not modified.
     * @param out an element of the domain, already checked. Modified: every entry is overwritten.
     */
    protected void applyNormalInto(double[] h, double[] out) {
        double[] x = normalOf(h);
        System.arraycopy(x, 0, out, 0, x.length);
    }

    /** @return e.g. {@code MatrixOperator[ArraySpace[3, real] → ArraySpace[2, real]]} */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + domain + " → " + codomain + "]";
    }

    /** Whether a derivative made at {@code madeAt} is still valid. */
    final boolean isCurrent(long madeAt) {
        return revision == madeAt;
    }

    final double[] requireIn(VectorSpace space, double[] x, String role) {
        if (x == null) {
            throw new IllegalArgumentException(role + " is null but must be an element of " + space
                    + " (operator " + this + ")");
        }
        if (!space.contains(x)) {
            throw new IllegalArgumentException(role + " has length " + x.length + " but " + space + " needs "
                    + space.realSize() + " (operator " + this + ")");
        }
        return x;
    }

    /** Checks what an implementation returned: wrong lengths are the implementation's bug. */
    final double[] requireResult(double[] y, VectorSpace space, String method) {
        if (y == null || !space.contains(y)) {
            throw new IllegalStateException(getClass().getName() + "." + method + " returned "
                    + (y == null ? "null" : "an array of length " + y.length) + " but " + space + " needs "
                    + space.realSize());
        }
        return y;
    }

    /** An implementation that hands back its argument would let the caller's array alias the result. */
    private double[] requireFresh(double[] result, double[] argument, String method) {
        if (result == argument) {
            throw new IllegalStateException(getClass().getName() + "." + method
                    + " returned its argument; it must return a fresh array (e.g. x.clone())");
        }
        return result;
    }

    private Operator requireOperand(Operator other, String method) {
        if (other == null) {
            throw new IllegalArgumentException(method + " needs an operator but got null (operator " + this + ")");
        }
        return other;
    }

    // Package-private entry points for wrappers in this package (Derivative, Adjoint, algebra),
    // which check lengths once here instead of in every wrapper.

    final double[] derivativeOf(double[] h) {
        requireIn(domain, h, "argument of the derivative");
        return requireFresh(requireResult(applyDerivative(h), codomain, "applyDerivative"), h, "applyDerivative");
    }

    final double[] normalOf(double[] h) {
        requireIn(domain, h, "argument of the normal operator");
        return requireFresh(requireResult(applyNormal(h), domain, "applyNormal"), h, "applyNormal");
    }

    final double[] adjointOf(double[] y) {
        requireIn(codomain, y, "argument of the adjoint");
        return requireFresh(requireResult(applyAdjoint(y), domain, "applyAdjoint"), y, "applyAdjoint");
    }
}
