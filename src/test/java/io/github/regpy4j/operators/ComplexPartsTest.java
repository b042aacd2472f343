package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RealPart, ImaginaryPart and SquaredModulus: complex to real. */
class ComplexPartsTest {

    private static final UniformGrid GRID = UniformGrid.complex(new UniformGrid.Axis(-1, 1, 3), new UniformGrid.Axis(0, 1, 2));

    @Nested
    class RealPartContract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new RealPart(GRID);
        }
    }

    @Nested
    class ImaginaryPartContract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new ImaginaryPart(VectorSpace.complex(5));
        }
    }

    @Nested
    class SquaredModulusContract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new SquaredModulus(GRID);
        }
    }

    @Test
    void partsAndModulusOfInterleavedEntries() {
        double[] z = {3, 4, -1, 2};
        VectorSpace c = VectorSpace.complex(2);
        assertThat(new RealPart(c).apply(z)).containsExactly(3, -1);
        assertThat(new ImaginaryPart(c).apply(z)).containsExactly(4, 2);
        assertThat(new SquaredModulus(c).apply(z)).containsExactly(25, 5);
        assertThat(new RealPart(c).adjoint().apply(new double[] {7, 8})).containsExactly(7, 0, 8, 0);
        assertThat(new ImaginaryPart(c).adjoint().apply(new double[] {7, 8})).containsExactly(0, 7, 0, 8);
        assertThat(new SquaredModulus(c).codomain()).isEqualTo(VectorSpace.real(2));
        assertThat(new RealPart(GRID).codomain()).isEqualTo(GRID.toReal());
    }

    @Test
    void refuseRealDomains() {
        for (var make : java.util.List.<java.util.function.Function<VectorSpace, Operator>>of(RealPart::new,
                ImaginaryPart::new, SquaredModulus::new)) {
            assertThatThrownBy(() -> make.apply(VectorSpace.real(3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("complex space").hasMessageContaining("ArraySpace[3, real]");
        }
    }
}
