package io.github.regpy4j.solvers;

import io.github.regpy4j.hilbert.AbstractSpace;
import io.github.regpy4j.hilbert.Euclidean;
import io.github.regpy4j.hilbert.HilbertSpace;
import io.github.regpy4j.operators.Operator;
import java.util.Objects;

/**
 * A forward operator with the Hilbert spaces its solvers measure in: the penalty space on the
 * domain and the data-fidelity space on the codomain. Port of regpy's
 * {@code RegularizationSetting} ({@code regpy.solvers}; regpy's {@code h_domain} is {@link
 * #penalty()}, {@code h_codomain} is {@link #dataFidelity()}).
 *
 * <p>For {@code F: X → Y} with Gram operators {@code G_X} and {@code G_Y}, the solvers minimize
 * and step in these inner products. The adjoint of a linear {@code T: X → Y} with respect to them
 * is
 *
 * <pre>
 *   T^# = G_X⁻¹ T* G_Y,      ⟨T x, y⟩_{G_Y} = ⟨x, T^# y⟩_{G_X}
 * </pre>
 *
 * <p>({@link #hilbertAdjoint(Operator)}), {@code T*} the adjoint for the plain inner products. So
 * Landweber steps along {@code −F'(x)^# (F(x) − y^δ)}, and Tikhonov minimizes
 * {@code ‖T h − r‖²_{G_Y} + α ‖h − h_ref‖²_{G_X}}. regpy's medium scattering example reads
 *
 * <pre>
 *   Setting(op, Hm(mask=op.support, index=2), L2)
 *   new RegularizationSetting(op, Hm.withMask(op.support(), 2), L2::on)
 * </pre>
 *
 * <p>Spaces may be given concretely ({@link HilbertSpace}, which must live on the operator's
 * domain or codomain) or abstractly ({@code L2::on}, {@code Hm.withMask(mask, 2)}), made concrete
 * on the operator's domain and codomain here, as regpy's {@code as_hilbert_space}.
 * {@link #euclidean(Operator)} is the plain setting every solver defaults to.
 */
public final class RegularizationSetting {

    private final Operator operator;
    private final HilbertSpace penalty;
    private final HilbertSpace dataFidelity;

    /**
     * @param operator {@code F: X → Y}
     * @param penalty the Hilbert space on {@code X}, or an abstract space made concrete on {@code X}
     * @param dataFidelity the Hilbert space on {@code Y}, or an abstract space made concrete on {@code Y}
     * @throws IllegalArgumentException if a space does not live on the operator's domain or
     *     codomain, or an abstract space has no implementation there
     */
    public RegularizationSetting(Operator operator, AbstractSpace penalty, AbstractSpace dataFidelity) {
        this.operator = Objects.requireNonNull(operator, "the operator of a RegularizationSetting is null");
        Objects.requireNonNull(penalty, "the penalty space of a RegularizationSetting is null");
        Objects.requireNonNull(dataFidelity, "the data-fidelity space of a RegularizationSetting is null");
        this.penalty = concrete(penalty, operator, true);
        this.dataFidelity = concrete(dataFidelity, operator, false);
    }

    private static HilbertSpace concrete(AbstractSpace abstractSpace, Operator operator, boolean domain) {
        var space = domain ? operator.domain() : operator.codomain();
        HilbertSpace h = abstractSpace.concreteOn(space);
        if (h == null || !h.vectorSpace().equals(space)) {
            throw new IllegalArgumentException("the " + (domain ? "penalty" : "data-fidelity") + " space of a"
                    + " RegularizationSetting must live on " + space + " (the " + (domain ? "domain" : "codomain")
                    + " of " + operator + ") but is " + h);
        }
        return h;
    }

    /**
     * @param operator {@code F}
     * @return {@code F} with the plain inner products on domain and codomain ({@code G = I}): what
     *     every solver uses when given no setting
     */
    public static RegularizationSetting euclidean(Operator operator) {
        return new RegularizationSetting(operator, Euclidean::on, Euclidean::on);
    }

    /** @return the forward operator {@code F} (regpy's {@code op}) */
    public Operator operator() {
        return operator;
    }

    /** @return the penalty space on the domain, {@code G_X} (regpy's {@code h_domain}) */
    public HilbertSpace penalty() {
        return penalty;
    }

    /** @return the data-fidelity space on the codomain, {@code G_Y} (regpy's {@code h_codomain}) */
    public HilbertSpace dataFidelity() {
        return dataFidelity;
    }

    /** @return whether both spaces have the plain inner product ({@code G_X = I}, {@code G_Y = I}) */
    public boolean isEuclidean() {
        return penalty.isEuclidean() && dataFidelity.isEuclidean();
    }

    /**
     * The same spaces with another operator between them, such as a derivative {@code F'(x)}
     * (regpy builds {@code RegularizationSetting(deriv, h_domain, h_codomain)} in IRGNM).
     *
     * @param other an operator with the same domain and codomain
     * @return the setting {@code (other, X, Y)}
     * @throws IllegalArgumentException if domain or codomain differ
     */
    public RegularizationSetting withOperator(Operator other) {
        Objects.requireNonNull(other, "operator is null");
        return new RegularizationSetting(other, penalty, dataFidelity);
    }

    /**
     * The adjoint of a linear operator between the two Hilbert spaces.
     *
     * @param t a linear operator {@code T: X → Y} with this setting's domain and codomain
     * @return {@code T^# = G_X⁻¹ T* G_Y}, linear
     * @throws IllegalArgumentException if {@code t} is nonlinear or does not map {@code X} to {@code Y}
     */
    public Operator hilbertAdjoint(Operator t) {
        if (t == null || !t.isLinear()) {
            throw new IllegalArgumentException("the Hilbert-space adjoint needs a linear operator but got " + t);
        }
        if (!t.domain().equals(penalty.vectorSpace()) || !t.codomain().equals(dataFidelity.vectorSpace())) {
            throw new IllegalArgumentException("the Hilbert-space adjoint in " + this + " needs an operator "
                    + penalty.vectorSpace() + " → " + dataFidelity.vectorSpace() + " but got " + t);
        }
        return dataFidelity.gram().andThen(t.adjoint()).andThen(penalty.gramInverse());
    }

    /** @return e.g. {@code RegularizationSetting[MediumScattering[…], penalty Hm[…], data fidelity L2[…]]} */
    @Override
    public String toString() {
        return "RegularizationSetting[" + operator + ", penalty " + penalty + ", data fidelity " + dataFidelity + "]";
    }
}
