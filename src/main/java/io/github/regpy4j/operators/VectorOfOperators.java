package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A column of operators evaluated one after another. Port of regpy's {@code VectorOfOperators},
 * and the sequential twin of both parallel operators of package {@code parallel}.
 *
 * <p>With a common domain ({@link #VectorOfOperators(List)}), for {@code Tᵢ: X → Yᵢ}:
 *
 * <pre>
 *   T: X → Y₀ ⊕ … ⊕ Yₙ₋₁,   T(x) = (T₀(x), …, Tₙ₋₁(x)),   T'(x)* (y₀, …, yₙ₋₁) = Σᵢ Tᵢ'(x)* yᵢ
 * </pre>
 *
 * <p>With a distribution ({@link #VectorOfOperators(List, DirectSum, boolean[][])}), operator
 * {@code i} reads only the components of {@code X₀ ⊕ … ⊕ Xₘ₋₁} its row selects (see {@link
 * Distribution}), and the adjoint adds up, per component, what every reader gives back.
 */
public final class VectorOfOperators extends Operator {

    private final List<Operator> ops;
    private final Distribution distribution;
    private final Operator[] derivatives;

    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one, all with the same domain. Not modified.
     * @throws IllegalArgumentException if the list is empty or the domains differ
     */
    public VectorOfOperators(List<? extends Operator> ops) {
        this(checked(ops), null, commonDomain(ops));
    }

    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one. Not modified.
     * @param domain {@code X₀ ⊕ … ⊕ Xₘ₋₁}
     * @param distribution {@code n × m}: {@code distribution[i][j]} sends component {@code j} to
     *     operator {@code i}. Not modified.
     * @throws IllegalArgumentException if the matrix does not fit the domain and the operators
     */
    public VectorOfOperators(List<? extends Operator> ops, DirectSum domain, boolean[][] distribution) {
        this(checked(ops), new Distribution(domain, distribution, domains(ops)), domain);
    }

    private VectorOfOperators(List<Operator> ops, Distribution distribution, VectorSpace domain) {
        super(domain, codomainOf(ops), ops.stream().allMatch(Operator::isLinear));
        this.ops = ops;
        this.distribution = distribution;
        this.derivatives = new Operator[ops.size()];
    }

    /** @return the operators, unmodifiable */
    public List<Operator> operators() {
        return ops;
    }

    /** @return the codomain {@code Y₀ ⊕ … ⊕ Yₙ₋₁} */
    public DirectSum directSumCodomain() {
        return (DirectSum) codomain();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[][] parts = new double[ops.size()][];
        for (int i = 0; i < parts.length; i++) {
            double[] xi = argumentFor(x, i);
            if (differentiate && !isLinear()) {
                Linearization l = ops.get(i).linearize(xi);
                derivatives[i] = l.derivative();
                parts[i] = l.value();
            } else {
                parts[i] = ops.get(i).apply(xi);
            }
        }
        return directSumCodomain().join(parts);
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        if (isLinear()) {
            return evaluate(h, false);
        }
        double[][] parts = new double[ops.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = derivatives[i].apply(argumentFor(h, i));
        }
        return directSumCodomain().join(parts);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[][] parts = directSumCodomain().split(y);
        double[][] back = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            back[i] = (isLinear() ? ops.get(i) : derivatives[i]).adjoint().apply(parts[i]);
        }
        return distribution == null ? Vectors.sum(back) : distribution.collect(back);
    }

    private double[] argumentFor(double[] x, int i) {
        return distribution == null ? x : distribution.argumentFor(x, i);
    }

    static List<Operator> checked(List<? extends Operator> ops) {
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("a vector of operators needs at least one operator but got "
                    + (ops == null ? "null" : "an empty list"));
        }
        List<Operator> copy = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) == null) {
                throw new IllegalArgumentException("operator " + i + " of the vector of operators is null");
            }
            copy.add(ops.get(i));
        }
        return Collections.unmodifiableList(copy);
    }

    private static List<VectorSpace> domains(List<? extends Operator> ops) {
        return checked(ops).stream().map(Operator::domain).toList();
    }

    /**
     * The domain all operators share.
     *
     * @param ops at least one operator
     * @return the domain of {@code ops.get(0)}
     * @throws IllegalArgumentException if another operator has another domain
     */
    public static VectorSpace commonDomain(List<? extends Operator> ops) {
        List<Operator> checked = checked(ops);
        VectorSpace d = checked.get(0).domain();
        for (int i = 1; i < checked.size(); i++) {
            if (!checked.get(i).domain().equals(d)) {
                throw new IllegalArgumentException("all operators need the same domain, but operator 0 ("
                        + checked.get(0) + ") has " + d + " and operator " + i + " (" + checked.get(i) + ") has "
                        + checked.get(i).domain());
            }
        }
        return d;
    }

    /**
     * @param ops at least one operator
     * @return {@code Y₀ ⊕ … ⊕ Yₙ₋₁}, the direct sum of their codomains
     */
    public static DirectSum codomainOf(List<? extends Operator> ops) {
        return new DirectSum(checked(ops).stream().map(Operator::codomain).toList());
    }

    @Override
    public String toString() {
        return "VectorOfOperators[" + ops.size() + " operators: " + domain() + " → " + codomain() + "]";
    }
}
