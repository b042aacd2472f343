package io.github.regpy4j.operators;

import java.util.Arrays;

/**
 * Linearizes a list of operators, each at its own point, for the operators that combine several
 * (vectors of operators, block diagonals, sums).
 *
 * <p>A nonlinear operator keeps one linearization at a time, so an instance that appears twice
 * would revoke its own first derivative. When it appears twice at the same point the first
 * linearization is shared; at different points that cannot work, and this says so at once
 * instead of leaving a stale derivative to fail later.
 */
final class SharedLinearizations {

    private SharedLinearizations() {}

    /**
     * @param ops the operators. Not modified.
     * @param args the point for each operator. Not modified.
     * @param owner the combining operator, for messages
     * @return one linearization per operator; shared ones have their own copy of the value
     * @throws IllegalStateException if a nonlinear instance appears twice with different points
     */
    static Linearization[] linearize(Operator[] ops, double[][] args, Operator owner) {
        Linearization[] out = new Linearization[ops.length];
        for (int i = 0; i < ops.length; i++) {
            Operator op = ops[i];
            for (int j = 0; j < i && out[i] == null; j++) {
                if (ops[j] == op && !op.isLinear()) {
                    if (!Arrays.equals(args[j], args[i])) {
                        throw new IllegalStateException("the nonlinear operator " + op + " appears twice in " + owner
                                + " (positions " + j + " and " + i + ") with different arguments: linearizing it at"
                                + " one point revokes its derivative at the other; use two instances");
                    }
                    out[i] = new Linearization(out[j].value().clone(), out[j].derivative());
                }
            }
            if (out[i] == null) {
                out[i] = op.linearize(args[i]);
            }
        }
        return out;
    }
}
