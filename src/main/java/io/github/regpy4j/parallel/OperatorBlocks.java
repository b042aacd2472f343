package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * How the operators of a parallel operator are dealt to its workers: in contiguous blocks as even
 * as possible (sizes differ by at most one, earlier blocks the larger), at most one block per
 * worker. With no more operators than workers every block holds one operator, which then travels
 * as itself, exactly as without grouping.
 */
final class OperatorBlocks {

    private final int[] bounds;

    private OperatorBlocks(int[] bounds) {
        this.bounds = bounds;
    }

    /**
     * @param operators the number of operators, at least 1
     * @param maxWorkers the most workers, at least 1
     * @return the blocks: {@code min(operators, maxWorkers)} of them
     */
    static OperatorBlocks deal(int operators, int maxWorkers) {
        int k = Math.min(operators, maxWorkers);
        int[] bounds = new int[k + 1];
        int base = operators / k;
        int larger = operators % k;
        for (int b = 0; b < k; b++) {
            bounds[b + 1] = bounds[b] + base + (b < larger ? 1 : 0);
        }
        return new OperatorBlocks(bounds);
    }

    /** @return the number of blocks, one per worker */
    int count() {
        return bounds.length - 1;
    }

    /** @return the index of block {@code b}'s first operator */
    int first(int b) {
        return bounds[b];
    }

    /** @return one past the index of block {@code b}'s last operator */
    int end(int b) {
        return bounds[b + 1];
    }

    /** @return the number of operators in block {@code b} */
    int size(int b) {
        return bounds[b + 1] - bounds[b];
    }

    /** @return whether some block holds more than one operator */
    boolean grouped() {
        return count() < bounds[count()];
    }

    /**
     * @param ops the operators, in order. Not modified.
     * @return block {@code b}'s operators
     */
    <T> List<T> members(List<T> ops, int b) {
        return new ArrayList<>(ops.subList(first(b), end(b)));
    }

    /** @return e.g. {@code "operator 3"} or {@code "operators 3–5"} */
    String describe(int b) {
        return size(b) == 1 ? "operator " + first(b) : "operators " + first(b) + "–" + (end(b) - 1);
    }

    /**
     * @param bounds {@code n + 1} offsets: operator {@code i}'s part of a vector is {@code
     *     [bounds[i], bounds[i+1])}
     * @return the same for blocks: block {@code b}'s part is {@code [result[b], result[b+1])}
     */
    int[] blockBounds(int[] bounds) {
        int[] out = new int[count() + 1];
        for (int b = 0; b <= count(); b++) {
            out[b] = bounds[this.bounds[b]];
        }
        return out;
    }

    /** @return a short name for the operators of block {@code b}, e.g. {@code Coil} or {@code 3 × Coil} */
    static String simpleNames(List<? extends Operator> members) {
        String first = members.get(0).getClass().getSimpleName();
        boolean same = members.stream().allMatch(o -> o.getClass() == members.get(0).getClass());
        if (members.size() == 1) {
            return first;
        }
        return same ? members.size() + " × " + first
                : String.join(", ", members.stream().map(o -> o.getClass().getSimpleName()).toList());
    }
}
