package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>One nonlinear instance may appear more than once: at the same argument its linearization is
 * shared; at different arguments {@link #linearize(double[])} throws {@link
 * IllegalStateException}, since an operator keeps one linearization at a time (use separate
 * instances). {@link #apply(double[])} works either way.
 */
public final class VectorOfOperators extends Operator {

    // Plain arrays, not unmodifiable Lists: serializers such as Kryo copy them without reflective
    // access to JDK internals.
    private final Operator[] ops;
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
        this(checked(ops), new Distribution(domain, distribution, operatorDomains(ops)), domain);
    }

    private VectorOfOperators(List<Operator> ops, Distribution distribution, VectorSpace domain) {
        super(domain, codomainOf(ops), ops.stream().allMatch(Operator::isLinear));
        this.ops = ops.toArray(new Operator[0]);
        this.distribution = distribution;
        this.derivatives = new Operator[this.ops.length];
    }

    /** @return the operators, unmodifiable */
    public List<Operator> operators() {
        return Collections.unmodifiableList(Arrays.asList(ops));
    }

    /** @return the codomain {@code Y₀ ⊕ … ⊕ Yₙ₋₁} */
    public DirectSum directSumCodomain() {
        return (DirectSum) codomain();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[][] parts = new double[ops.length][];
        if (differentiate && !isLinear()) {
            double[][] args = new double[ops.length][];
            for (int i = 0; i < args.length; i++) {
                args[i] = argumentFor(x, i);
            }
            Linearization[] lin = SharedLinearizations.linearize(ops, args, this);
            for (int i = 0; i < parts.length; i++) {
                derivatives[i] = lin[i].derivative();
                parts[i] = lin[i].value();
            }
        } else {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = ops[i].apply(argumentFor(x, i));
            }
        }
        return directSumCodomain().join(parts);
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        if (isLinear()) {
            return evaluate(h, false);
        }
        double[][] parts = new double[ops.length][];
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
            back[i] = (isLinear() ? ops[i] : derivatives[i]).adjoint().apply(parts[i]);
        }
        return distribution == null ? Vectors.sum(back) : distribution.collect(back);
    }

    /**
     * {@code Σᵢ Tᵢ*Tᵢ hᵢ}, each term by its operator's own normal operator and added as {@link
     * #applyAdjoint(double[])} adds: the adjoint of the value, bit for bit, unless an operator
     * computes its normal operator its own way; then the same as a parallel twin, whose workers
     * use it too.
     */
    @Override
    protected double[] applyNormal(double[] h) {
        double[][] back = new double[ops.length][];
        for (int i = 0; i < back.length; i++) {
            back[i] = (isLinear() ? ops[i] : derivatives[i]).normal().apply(argumentFor(h, i));
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

    /**
     * @param ops at least one operator, none null
     * @return their domains, in order
     * @throws IllegalArgumentException if the list is empty or holds null
     */
    public static List<VectorSpace> operatorDomains(List<? extends Operator> ops) {
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
        return "VectorOfOperators[" + ops.length + " operators: " + domain() + " → " + codomain() + "]";
    }
}
