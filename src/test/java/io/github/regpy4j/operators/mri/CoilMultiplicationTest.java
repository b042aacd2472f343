package io.github.regpy4j.operators.mri;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specific tests of {@link CoilMultiplication}: values, derivative, adjoint of the derivative. */
@Timeout(30)
class CoilMultiplicationTest {

    private static final long SEED = 20261126L;
    /** Relative tolerance of the adjoint identity. */
    private static final double ADJOINT_TOLERANCE = 1e-12;


    @Nested
    class OnAComplexSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new CoilMultiplication(VectorSpace.complex(3, 2));
        }
    }

    @Nested
    class OnARealSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new CoilMultiplication(VectorSpace.real(5));
        }
    }

    @Test
    void multipliesComplexEntries() {
        CoilMultiplication m = new CoilMultiplication(VectorSpace.complex(2));
        // ρ = (1+2i, 3), c = (i, 2−i)
        double[] x = {1, 2, 3, 0, 0, 1, 2, -1};
        assertThat(m.apply(x)).containsExactly(new double[] {-2, 1, 6, -3}, Offset.offset(1e-15));
    }

    @Test
    void multipliesRealEntries() {
        CoilMultiplication m = new CoilMultiplication(VectorSpace.real(3));
        assertThat(m.apply(new double[] {1, 2, 3, 4, 5, 6})).containsExactly(new double[] {4, 10, 18}, Offset.offset(0.0));
    }

    @Test
    void derivativeIsTheProductRuleExactly() {
        Random rng = new Random(SEED);
        CoilMultiplication m = new CoilMultiplication(VectorSpace.complex(4));
        double[] x = m.domain().randn(rng);
        double[] h = m.domain().randn(rng);
        Linearization lin = m.linearize(x);
        double[] dh = lin.derivative().apply(h);
        // bilinear: M(x + h) = M(x) + M'(x)h + M(h)
        double[] xh = x.clone();
        for (int k = 0; k < xh.length; k++) {
            xh[k] += h[k];
        }
        double[] lhs = new CoilMultiplication(VectorSpace.complex(4)).apply(xh);
        double[] mh = new CoilMultiplication(VectorSpace.complex(4)).apply(h);
        for (int k = 0; k < lhs.length; k++) {
            assertThat(lhs[k]).as("entry %d, seed %d", k, SEED).isCloseTo(lin.value()[k] + dh[k] + mh[k], Offset.offset(1e-12));
        }
    }

    @Test
    void adjointOfTheDerivativeSatisfiesTheInnerProductIdentity() {
        Random rng = new Random(SEED);
        for (VectorSpace s : new VectorSpace[] {VectorSpace.complex(5), VectorSpace.real(5)}) {
            CoilMultiplication m = new CoilMultiplication(s);
            Linearization lin = m.linearize(m.domain().randn(rng));
            double[] h = m.domain().randn(rng);
            double[] y = s.randn(rng);
            double lhs = s.vdot(lin.derivative().apply(h), y);
            double rhs = m.domain().vdot(h, lin.derivative().adjoint().apply(y));
            assertThat(Math.abs(lhs - rhs) / (Math.abs(lhs) + Math.abs(rhs))).as("%s, seed %d", s, SEED)
                    .isLessThan(ADJOINT_TOLERANCE);
        }
    }

    @Test
    void domainIsThePairOfSpaces() {
        VectorSpace s = VectorSpace.complex(3);
        CoilMultiplication m = new CoilMultiplication(s);
        assertThat(m.domain()).isEqualTo(new DirectSum(s, s));
        assertThat(m.codomain()).isEqualTo(s);
        assertThat(m.isLinear()).isFalse();
    }
}
