package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * Checks on the storage layout of a space that pointwise operators rely on. A space is <em>all
 * real</em> when every entry is stored as one {@code double} ({@code realSize() == size()}) and
 * <em>all complex</em> when every entry is an interleaved pair ({@code isComplex()}); a {@code
 * DirectSum} of real and complex summands is neither.
 */
final class Layouts {

    private Layouts() {}

    static boolean isAllReal(VectorSpace space) {
        return space.realSize() == space.size();
    }

    static VectorSpace requireNonNull(VectorSpace space, String role, String operator) {
        if (space == null) {
            throw new IllegalArgumentException(role + " of " + operator + " is null");
        }
        return space;
    }

    static VectorSpace requireAllReal(VectorSpace space, String operator) {
        requireNonNull(space, "the domain", operator);
        if (!isAllReal(space)) {
            throw new IllegalArgumentException(operator + " needs a real space but got " + space);
        }
        return space;
    }

    static VectorSpace requireAllComplex(VectorSpace space, String operator) {
        requireNonNull(space, "the domain", operator);
        if (!space.isComplex()) {
            throw new IllegalArgumentException(operator + " needs a complex space but got " + space);
        }
        return space;
    }

    static VectorSpace requireUniform(VectorSpace space, String operator) {
        requireNonNull(space, "the domain", operator);
        if (!space.isComplex() && !isAllReal(space)) {
            throw new IllegalArgumentException(operator + " needs a space whose entries are all real or all complex "
                    + "but got " + space);
        }
        return space;
    }
}
