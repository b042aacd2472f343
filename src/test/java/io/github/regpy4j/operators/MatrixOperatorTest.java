package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatrixOperatorTest {

    private static final double RELATIVE_TOLERANCE = 1e-13;

    @Nested
    class Wide extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.matrix(3, 8, 11);
        }
    }

    @Nested
    class TallOnGrids extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid grid = UniformGrid.real(new UniformGrid.Axis(0, 1, 2), new UniformGrid.Axis(0, 1, 3));
            return new MatrixOperator(Fixtures.realMatrix(9, 6, new Random(12)), grid, VectorSpace.real(9));
        }
    }

    @Test
    void agreesWithEjml() {
        Random rng = new Random(5);
        DMatrixRMaj a = Fixtures.realMatrix(4, 6, rng);
        double[] x = Fixtures.gaussian(6, rng);
        DMatrixRMaj expected = new DMatrixRMaj(4, 1);
        CommonOps_DDRM.mult(a, DMatrixRMaj.wrap(6, 1, x.clone()), expected);
        double[] y = new MatrixOperator(a).apply(x);
        for (int i = 0; i < 4; i++) {
            assertThat(y[i]).isCloseTo(expected.data[i], within(RELATIVE_TOLERANCE * (1 + Math.abs(expected.data[i]))));
        }
        double[] z = Fixtures.gaussian(4, rng);
        DMatrixRMaj expectedT = new DMatrixRMaj(6, 1);
        CommonOps_DDRM.multTransA(a, DMatrixRMaj.wrap(4, 1, z.clone()), expectedT);
        double[] back = new MatrixOperator(a).adjoint().apply(z);
        for (int j = 0; j < 6; j++) {
            assertThat(back[j]).isCloseTo(expectedT.data[j], within(RELATIVE_TOLERANCE * (1 + Math.abs(expectedT.data[j]))));
        }
    }

    @Test
    void holdsItsOwnCopyOfTheMatrix() {
        DMatrixRMaj a = Fixtures.realMatrix(2, 2, new Random(3));
        MatrixOperator op = new MatrixOperator(a);
        double[] before = op.apply(new double[] {1, 0});
        a.set(0, 0, 1e6);
        op.matrix().set(1, 0, 1e6);
        assertThat(op.apply(new double[] {1, 0})).containsExactly(before, within(0.0));
    }

    @Test
    void refusesSpacesThatDoNotFitTheMatrix() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        assertThatThrownBy(() -> new MatrixOperator(a, VectorSpace.real(4), VectorSpace.real(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×3")
                .hasMessageContaining("3 entries").hasMessageContaining("ArraySpace[4, real]");
        assertThatThrownBy(() -> new MatrixOperator(a, VectorSpace.complex(3), VectorSpace.real(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real domain");
        assertThatThrownBy(() -> new MatrixOperator(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
