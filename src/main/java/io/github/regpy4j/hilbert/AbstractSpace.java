package io.github.regpy4j.hilbert;

import io.github.regpy4j.vecsps.VectorSpace;

/**
 * A Hilbert space not yet tied to a vector space: a rule that makes the concrete {@link
 * HilbertSpace} for a given vector space. Port of regpy's {@code AbstractSpace}
 * ({@code regpy.hilbert.base}): where regpy writes {@code L2} or {@code Hm(mask=m, index=2)} and
 * calls it on an operator's domain or codomain, Java writes {@code L2::on} or
 * {@code Hm.withMask(m, 2)} and calls {@link #concreteOn(VectorSpace)}.
 */
@FunctionalInterface
public interface AbstractSpace {

    /**
     * @param space the vector space to make a Hilbert space on
     * @return the concrete Hilbert space on {@code space}
     * @throws IllegalArgumentException if this abstract space has no implementation on
     *     {@code space} (e.g. a Sobolev space on a space that is not a grid)
     */
    HilbertSpace concreteOn(VectorSpace space);
}
