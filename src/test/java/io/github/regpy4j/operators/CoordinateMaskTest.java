package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specific tests of {@link CoordinateMask}: selection, zero-filled adjoint, errors. */
@Timeout(30)
class CoordinateMaskTest {

    private static final long SEED = 20261126L;
    private static final boolean[] MASK = {true, false, false, true, true, false};


    @Nested
    class OnAComplexSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new CoordinateMask(VectorSpace.complex(2, 3), MASK);
        }
    }

    @Nested
    class OnARealSpace extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new CoordinateMask(VectorSpace.real(6), MASK);
        }
    }

    @Test
    void selectsTheMaskedComplexEntriesInOrder() {
        CoordinateMask p = new CoordinateMask(VectorSpace.complex(2, 3), MASK);
        double[] x = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5};
        assertThat(p.codomain()).isEqualTo(VectorSpace.complex(3));
        assertThat(p.apply(x)).containsExactly(new double[] {0, 0.5, 3, 3.5, 4, 4.5}, Offset.offset(0.0));
        assertThat(p.selectedCount()).isEqualTo(3);
        assertThat(p.mask()).containsExactly(MASK);
    }

    @Test
    void selectsTheMaskedRealEntriesInOrder() {
        CoordinateMask p = new CoordinateMask(VectorSpace.real(6), MASK);
        assertThat(p.codomain()).isEqualTo(VectorSpace.real(3));
        assertThat(p.apply(new double[] {0, 1, 2, 3, 4, 5})).containsExactly(new double[] {0, 3, 4}, Offset.offset(0.0));
    }

    @Test
    void adjointIsTheZeroFilledEmbeddingAndARightInverse() {
        CoordinateMask p = new CoordinateMask(VectorSpace.complex(6), MASK);
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] x = p.adjoint().apply(y);
        assertThat(x).containsExactly(new double[] {1, 2, 0, 0, 0, 0, 3, 4, 5, 6, 0, 0}, Offset.offset(0.0));
        assertThat(p.apply(x)).containsExactly(y, Offset.offset(0.0));
        Random rng = new Random(SEED);
        double[] u = p.domain().randn(rng);
        double[] v = p.codomain().randn(rng);
        assertThat(p.codomain().vdot(p.apply(u), v)).as("seed %d", SEED)
                .isCloseTo(p.domain().vdot(u, p.adjoint().apply(v)), Offset.offset(1e-12));
    }

    @Test
    void refusesAMaskOfTheWrongLengthNamingBothLengths() {
        VectorSpace s = VectorSpace.complex(2, 4);
        assertThatThrownBy(() -> new CoordinateMask(s, MASK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 8 entries").hasMessageContaining("has 6").hasMessageContaining(s.toString());
    }

    @Test
    void refusesAMaskThatSelectsNothing() {
        assertThatThrownBy(() -> new CoordinateMask(VectorSpace.real(3), new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selects none");
    }

    @Test
    void copiesTheMask() {
        boolean[] mask = MASK.clone();
        CoordinateMask p = new CoordinateMask(VectorSpace.real(6), mask);
        mask[1] = true;
        assertThat(p.selectedCount()).isEqualTo(3);
    }
}
