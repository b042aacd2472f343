package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.DirectSum;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The block-diagonal operator {@code T₀ ⊕ … ⊕ Tₙ₋₁} on direct sums. Port of regpy's operator
 * {@code regpy.operators.DirectSum} (not to be confused with the space {@link DirectSum}).
 *
 * <p>For {@code Tᵢ: Xᵢ → Yᵢ}:
 *
 * <pre>
 *   T: X₀ ⊕ … ⊕ Xₙ₋₁ → Y₀ ⊕ … ⊕ Yₙ₋₁
 *   T(x₀, …, xₙ₋₁)      = (T₀(x₀), …, Tₙ₋₁(xₙ₋₁))
 *   T'(x)(h₀, …, hₙ₋₁)   = (T₀'(x₀) h₀, …)
 *   T'(x)*(y₀, …, yₙ₋₁)  = (T₀'(x₀)* y₀, …)
 * </pre>
 *
 * <p>Linear when every block is. Blocks that are direct sums themselves are not flattened.
 *
 * <p>One nonlinear instance may appear more than once: at the same argument its linearization is
 * shared; at different arguments {@link #linearize(double[])} throws {@link
 * IllegalStateException}, since an operator keeps one linearization at a time (use separate
 * instances). {@link #apply(double[])} works either way.
 */
public final class DirectSumOperator extends Operator {

    private final Operator[] blocks;
    private final Operator[] derivatives;

    /**
     * @param blocks {@code T₀ … Tₙ₋₁}, at least one. Not modified.
     * @throws IllegalArgumentException if there are none or one is {@code null}
     */
    public DirectSumOperator(Operator... blocks) {
        this(blocks == null ? null : Arrays.asList(blocks));
    }

    /**
     * @param blocks {@code T₀ … Tₙ₋₁}, at least one. Not modified.
     * @throws IllegalArgumentException if there are none or one is {@code null}
     */
    public DirectSumOperator(List<? extends Operator> blocks) {
        this(checked(blocks), true);
    }

    // The boolean only tells this constructor apart from the public varargs one; blocks are checked.
    private DirectSumOperator(Operator[] blocks, boolean unusedChecked) {
        super(new DirectSum(Arrays.stream(blocks).map(Operator::domain).toList()),
                new DirectSum(Arrays.stream(blocks).map(Operator::codomain).toList()),
                Arrays.stream(blocks).allMatch(Operator::isLinear));
        this.blocks = blocks;
        this.derivatives = new Operator[blocks.length];
    }

    private static Operator[] checked(List<? extends Operator> blocks) {
        if (blocks == null || blocks.isEmpty()) {
            throw new IllegalArgumentException("a DirectSumOperator needs at least one block but got "
                    + (blocks == null ? "null" : "none"));
        }
        Operator[] copy = new Operator[blocks.size()];
        for (int i = 0; i < copy.length; i++) {
            if (blocks.get(i) == null) {
                throw new IllegalArgumentException("block " + i + " of a DirectSumOperator is null");
            }
            copy[i] = blocks.get(i);
        }
        return copy;
    }

    /** @return the blocks {@code T₀ … Tₙ₋₁}, unmodifiable */
    public List<Operator> blocks() {
        return Collections.unmodifiableList(Arrays.asList(blocks));
    }

    /** @return the domain {@code X₀ ⊕ … ⊕ Xₙ₋₁} */
    public DirectSum directSumDomain() {
        return (DirectSum) domain();
    }

    /** @return the codomain {@code Y₀ ⊕ … ⊕ Yₙ₋₁} */
    public DirectSum directSumCodomain() {
        return (DirectSum) codomain();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[][] parts = directSumDomain().split(x);
        double[][] values = new double[blocks.length][];
        if (differentiate && !isLinear()) {
            Linearization[] lin = SharedLinearizations.linearize(blocks, parts, this);
            for (int i = 0; i < blocks.length; i++) {
                values[i] = lin[i].value();
                derivatives[i] = lin[i].derivative();
            }
        } else {
            for (int i = 0; i < blocks.length; i++) {
                values[i] = blocks[i].apply(parts[i]);
            }
        }
        return directSumCodomain().join(values);
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        Operator[] d = isLinear() ? blocks : derivatives;
        double[][] parts = directSumDomain().split(h);
        double[][] values = new double[d.length][];
        for (int i = 0; i < d.length; i++) {
            values[i] = d[i].apply(parts[i]);
        }
        return directSumCodomain().join(values);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        Operator[] d = isLinear() ? blocks : derivatives;
        double[][] parts = directSumCodomain().split(y);
        double[][] values = new double[d.length][];
        for (int i = 0; i < d.length; i++) {
            values[i] = d[i].adjoint().apply(parts[i]);
        }
        return directSumDomain().join(values);
    }

    @Override
    public String toString() {
        return "DirectSumOperator[" + blocks.length + " blocks: " + domain() + " → " + codomain() + "]";
    }
}
