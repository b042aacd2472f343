package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Arrays;
import java.util.List;

/**
 * The operators one grouped worker serves, in order: operators {@code first … first+n−1} of a
 * parallel operator, evaluated one after another exactly as {@link VectorOfOperators} evaluates
 * them (same calls, same order, same summation of adjoints), so a block's values and derivatives
 * are bit for bit those of the sequential operator. An operator that throws is named by its index
 * in the whole parallel operator ({@link MemberFailure}).
 *
 * <p>With a distribution (for {@link DistributedVectorOfOperators}), the block's domain is the
 * direct sum of the components its operators read, each once; its adjoint adds up, per
 * component, what every member that reads it gives back.
 */
final class OperatorBlock extends Operator {

    // Plain arrays: Kryo copies them without reflective access to JDK internals.
    private final Operator[] ops;
    private final int first;
    /** Which components of this block's domain each member reads, or {@code null} when all read all of it. */
    private final Distribution distribution;
    private final Operator[] derivatives;

    private OperatorBlock(List<? extends Operator> ops, int first, VectorSpace domain, Distribution distribution) {
        super(domain, VectorOfOperators.codomainOf(ops), ops.stream().allMatch(Operator::isLinear));
        this.ops = ops.toArray(new Operator[0]);
        this.first = first;
        this.distribution = distribution;
        this.derivatives = new Operator[this.ops.length];
    }

    /**
     * @param ops the block's operators, at least one, all with the same domain. Not modified.
     * @param first the index of {@code ops.get(0)} in the whole parallel operator
     * @return the block
     */
    static OperatorBlock common(List<? extends Operator> ops, int first) {
        return new OperatorBlock(ops, first, VectorOfOperators.commonDomain(ops), null);
    }

    /**
     * @param ops the block's operators. Not modified.
     * @param first the index of {@code ops.get(0)} in the whole parallel operator
     * @param domain the block's domain: the components its members read, as the whole
     *     distribution says (one summand, or the direct sum of several)
     * @param rows which of the block's components each member reads. Not modified.
     * @return the block
     */
    static OperatorBlock distributed(List<? extends Operator> ops, int first, VectorSpace domain, boolean[][] rows) {
        if (!(domain instanceof DirectSum sum)) {
            // Every member reads the one component: the common domain is that summand.
            return common(ops, first);
        }
        return new OperatorBlock(ops, first, domain,
                new Distribution(sum, rows, VectorOfOperators.operatorDomains(ops)));
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[][] parts = new double[ops.length][];
        if (differentiate && !isLinear()) {
            linearizeAll(x, parts);
        } else {
            for (int i = 0; i < parts.length; i++) {
                try {
                    parts[i] = ops[i].apply(argumentFor(x, i));
                } catch (RuntimeException | Error e) {
                    throw failure(i, e);
                }
            }
        }
        return ((DirectSum) codomain()).join(parts);
    }

    /** As the sequential vector of operators: a nonlinear instance that appears twice at one point is linearized once. */
    private void linearizeAll(double[] x, double[][] parts) {
        Linearization[] lin = new Linearization[ops.length];
        double[][] args = new double[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            args[i] = argumentFor(x, i);
            for (int j = 0; j < i && lin[i] == null; j++) {
                if (ops[j] == ops[i] && !ops[i].isLinear()) {
                    if (!Arrays.equals(args[j], args[i])) {
                        throw new IllegalStateException("the nonlinear operator " + ops[i] + " appears twice in one"
                                + " worker's block (operators " + (first + j) + " and " + (first + i) + ") with"
                                + " different arguments: linearizing it at one point revokes its derivative at the"
                                + " other; use two instances");
                    }
                    lin[i] = new Linearization(lin[j].value().clone(), lin[j].derivative());
                }
            }
            if (lin[i] == null) {
                try {
                    lin[i] = ops[i].linearize(args[i]);
                } catch (RuntimeException | Error e) {
                    throw failure(i, e);
                }
            }
            derivatives[i] = lin[i].derivative();
            parts[i] = lin[i].value();
        }
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        if (isLinear()) {
            return evaluate(h, false);
        }
        double[][] parts = new double[ops.length][];
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i] = derivative(i).apply(argumentFor(h, i));
            } catch (RuntimeException | Error e) {
                throw failure(i, e);
            }
        }
        return ((DirectSum) codomain()).join(parts);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[][] parts = ((DirectSum) codomain()).split(y);
        double[][] back = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            try {
                back[i] = (isLinear() ? ops[i] : derivative(i)).adjoint().apply(parts[i]);
            } catch (RuntimeException | Error e) {
                throw failure(i, e);
            }
        }
        return distribution == null ? Vectors.sum(back) : distribution.collect(back);
    }

    /**
     * Each member's {@code Tᵢ*Tᵢ hᵢ} by its own normal operator, added up as {@link
     * #applyAdjoint(double[])} adds: the same terms in the same order as the adjoint of the
     * derivative's value, so the same bits, without joining the value and splitting it again.
     */
    @Override
    protected double[] applyNormal(double[] h) {
        double[][] back = new double[ops.length][];
        for (int i = 0; i < back.length; i++) {
            try {
                back[i] = (isLinear() ? ops[i] : derivative(i)).normal().apply(argumentFor(h, i));
            } catch (RuntimeException | Error e) {
                throw failure(i, e);
            }
        }
        return distribution == null ? Vectors.sum(back) : distribution.collect(back);
    }

    private Operator derivative(int i) {
        if (derivatives[i] == null) {
            throw new IllegalStateException("operator " + (first + i) + " (" + ops[i] + ") was not linearized");
        }
        return derivatives[i];
    }

    private double[] argumentFor(double[] x, int i) {
        return distribution == null ? x : distribution.argumentFor(x, i);
    }

    private RuntimeException failure(int i, Throwable e) {
        if (e instanceof OutOfMemoryError oom) {
            throw oom; // the worker's loop reports it; wrapping would need memory
        }
        return new MemberFailure("operator " + (first + i) + " (" + ops[i] + ")", e);
    }

    @Override
    public String toString() {
        return "OperatorBlock[operators " + first + "–" + (first + ops.length - 1) + ": " + domain() + " → "
                + codomain() + "]";
    }

    /**
     * What a block throws when one of its operators throws: the message names the operator by its
     * index in the whole parallel operator, the cause is what it threw. The parent takes it apart
     * again, so the user sees the operator's own exception.
     */
    static final class MemberFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberFailure(String which, Throwable cause) {
            super(which, cause);
        }
    }
}
