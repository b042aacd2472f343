package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Random;

/**
 * How a grouped parallel operator, or one with this JVM's share, agrees with its sequential
 * twin: values and derivatives bit for bit; the adjoint and the normal operator, sums over blocks,
 * up to the order of the additions.
 */
final class Agreement {

    /**
     * The grouped sums add partial sums ((a+b)+(c+d) instead of ((a+b)+c)+d): a few roundings of
     * about 1.1e-16 each, relative to the largest entry.
     */
    static final double REORDERING_TOLERANCE = 1e-13;

    private Agreement() {}

    /**
     * Two rounds at random points of {@code rng}: apply, linearize, derivative, the derivative's
     * adjoint and normal operator; the argument is not modified.
     *
     * @param seed the seed {@code rng} was made from, for the messages
     */
    static void assertAgree(Operator parallel, Operator sequential, Random rng, long seed) {
        assertThat(parallel.domain()).isEqualTo(sequential.domain());
        assertThat(parallel.codomain()).isEqualTo(sequential.codomain());
        for (int round = 0; round < 2; round++) {
            double[] x = parallel.domain().randn(rng);
            double[] xCopy = x.clone();
            assertThat(parallel.apply(x)).as("apply, round %d (seed %d)", round, seed).isEqualTo(sequential.apply(x));
            Linearization lp = parallel.linearize(x);
            Linearization ls = sequential.linearize(x);
            assertThat(lp.value()).as("linearize value, round %d (seed %d)", round, seed).isEqualTo(ls.value());
            double[] h = parallel.domain().randn(rng);
            double[] th = ls.derivative().apply(h);
            assertThat(lp.derivative().apply(h)).as("derivative, round %d (seed %d)", round, seed).isEqualTo(th);
            double[] y = parallel.codomain().randn(rng);
            assertClose(lp.derivative().adjoint().apply(y), ls.derivative().adjoint().apply(y),
                    "adjoint of the derivative, round " + round, seed);
            assertClose(lp.derivative().normal().apply(h), ls.derivative().adjoint().apply(th),
                    "normal operator of the derivative, round " + round, seed);
            assertThat(x).as("argument not modified").isEqualTo(xCopy);
        }
    }

    /** {@code actual} is {@code expected} up to {@link #REORDERING_TOLERANCE}, relative to its largest entry. */
    static void assertClose(double[] actual, double[] expected, String what, long seed) {
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(Vectors.relativeMaxDifference(actual, expected))
                .as("%s: relative difference to the sequential sum (seed %d)", what, seed)
                .isLessThanOrEqualTo(REORDERING_TOLERANCE);
    }
}
