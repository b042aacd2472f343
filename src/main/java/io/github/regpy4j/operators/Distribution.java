package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Which components of a {@link DirectSum} argument go to which operator: the distribution matrix
 * of regpy's {@code DistributedVectorOfOperators}, checked once and turned into index lists.
 *
 * <p>{@code matrix[i][j]} is {@code true} when component {@code j} of the domain goes to operator
 * {@code i}. Operator {@code i}'s domain must be the summand {@code j} when one entry of its row
 * is true, else the {@code DirectSum} of the chosen summands in order. The adjoint adds up, per
 * component, what every operator that reads it gives back (regpy's {@code _collect}).
 */
public final class Distribution {

    private final DirectSum domain;
    private final int[][] components;
    private final VectorSpace[] operatorDomains;

    /**
     * Checks the matrix against the domain and the operators.
     *
     * @param domain the domain {@code X₀ ⊕ … ⊕ Xₘ₋₁} of the whole vector of operators
     * @param matrix {@code n × m}, one row per operator, one column per summand. Not modified.
     * @param operatorDomains the domain of each operator, in order. Not modified.
     * @throws IllegalArgumentException if the shape is wrong, a row is empty, or an operator's
     *     domain is not what its row selects
     */
    public Distribution(DirectSum domain, boolean[][] matrix, List<VectorSpace> operatorDomains) {
        if (domain == null) {
            throw new IllegalArgumentException("the domain of a distributed vector of operators is null");
        }
        if (matrix == null) {
            throw new IllegalArgumentException("the distribution matrix is null");
        }
        if (operatorDomains == null) {
            throw new IllegalArgumentException("the list of operator domains is null");
        }
        int n = operatorDomains.size();
        if (matrix.length != n) {
            throw new IllegalArgumentException("the distribution matrix has " + matrix.length
                    + " rows but there are " + n + " operators (one row per operator)");
        }
        this.domain = domain;
        this.components = new int[n][];
        this.operatorDomains = new VectorSpace[n];
        for (int i = 0; i < n; i++) {
            boolean[] row = matrix[i];
            if (row == null || row.length != domain.count()) {
                throw new IllegalArgumentException("row " + i + " of the distribution matrix has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " entries but the domain " + domain
                        + " has " + domain.count() + " components (one column per component)");
            }
            List<Integer> chosen = new ArrayList<>();
            for (int j = 0; j < row.length; j++) {
                if (row[j]) {
                    chosen.add(j);
                }
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("row " + i + " of the distribution matrix is empty: operator " + i
                        + " would get no component of the domain");
            }
            components[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
            VectorSpace expected = chosen.size() == 1
                    ? domain.summand(chosen.get(0))
                    : new DirectSum(chosen.stream().map(domain::summand).toList());
            if (!expected.equals(operatorDomains.get(i))) {
                throw new IllegalArgumentException("operator " + i + " reads components " + chosen + " of " + domain
                        + " and so needs the domain " + expected + " but has " + operatorDomains.get(i));
            }
            this.operatorDomains[i] = expected;
        }
    }

    /** @return the domain {@code X₀ ⊕ … ⊕ Xₘ₋₁} of the whole vector of operators */
    public DirectSum domain() {
        return domain;
    }

    /** @return the number of operators (rows) */
    public int operatorCount() {
        return components.length;
    }

    /**
     * @param i an operator index
     * @return the components operator {@code i} reads, increasing; a fresh array
     */
    public int[] components(int i) {
        return components[i].clone();
    }

    /**
     * @param i an operator index
     * @return the domain of operator {@code i}: one summand, or the {@code DirectSum} of several
     */
    public VectorSpace operatorDomain(int i) {
        return operatorDomains[i];
    }

    /**
     * The argument operator {@code i} gets (regpy's {@code _distribute}).
     *
     * @param x an element of the whole domain. Not modified.
     * @param i an operator index
     * @return a fresh element of {@link #operatorDomain(int)}
     */
    public double[] argumentFor(double[] x, int i) {
        int[] js = components[i];
        double[] part = new double[operatorDomains[i].realSize()];
        int at = 0;
        for (int j : js) {
            int from = domain.offset(j);
            int len = domain.offset(j + 1) - from;
            System.arraycopy(x, from, part, at, len);
            at += len;
        }
        return part;
    }

    /**
     * Collects what every operator gives back into one element of the whole domain (regpy's
     * {@code _collect}): per component, the sum over the operators that read it, in operator
     * order. The first contribution to a component is copied, not added to zero, so a component
     * read by one operator comes back bit for bit ({@code -0.0} stays {@code -0.0}).
     *
     * @param partials one element of {@link #operatorDomain(int)} per operator. Not modified.
     * @return a fresh element of the whole domain; components no operator reads are zero
     */
    public double[] collect(double[][] partials) {
        double[] sum = new double[domain.realSize()];
        boolean[] touched = new boolean[domain.count()];
        for (int i = 0; i < partials.length; i++) {
            int at = 0;
            for (int j : components[i]) {
                int from = domain.offset(j);
                int len = domain.offset(j + 1) - from;
                if (touched[j]) {
                    for (int k = 0; k < len; k++) {
                        sum[from + k] += partials[i][at + k];
                    }
                } else {
                    System.arraycopy(partials[i], at, sum, from, len);
                    touched[j] = true;
                }
                at += len;
            }
        }
        return sum;
    }
}
