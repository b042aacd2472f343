package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.vecsps.Vectors;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Contract and layout: our interleaved vectors are EJML's interleaved column vectors. */
class ComplexMatrixOperatorTest {

    private static final double RELATIVE_TOLERANCE = 1e-13;

    @Nested
    class Wide extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Fixtures.complexMatrix(3, 5, 21);
        }
    }

    @Nested
    class Tall extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return new ComplexMatrixOperator(Fixtures.complexMatrix(6, 4, new Random(22)), VectorSpace.complex(2, 2),
                    VectorSpace.complex(6));
        }
    }

    @Test
    void applyMatchesEjmlOnTheSameInterleavedArrays() {
        Random rng = new Random(7);
        ZMatrixRMaj a = Fixtures.complexMatrix(4, 3, rng);
        double[] z = Fixtures.gaussian(6, rng);
        ZMatrixRMaj x = new ZMatrixRMaj(3, 1);
        System.arraycopy(z, 0, x.data, 0, 6);
        ZMatrixRMaj expected = new ZMatrixRMaj(4, 1);
        CommonOps_ZDRM.mult(a, x, expected);
        double[] y = new ComplexMatrixOperator(a).apply(z);
        assertThat(Vectors.relativeMaxDifference(y, java.util.Arrays.copyOf(expected.data, 8)))
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Test
    void adjointIsTheConjugateTransposeAsEjmlComputesIt() {
        Random rng = new Random(8);
        ZMatrixRMaj a = Fixtures.complexMatrix(4, 3, rng);
        double[] w = Fixtures.gaussian(8, rng);
        ZMatrixRMaj y = new ZMatrixRMaj(4, 1);
        System.arraycopy(w, 0, y.data, 0, 8);
        ZMatrixRMaj expected = new ZMatrixRMaj(3, 1);
        CommonOps_ZDRM.mult(CommonOps_ZDRM.transposeConjugate(a, null), y, expected);
        double[] back = new ComplexMatrixOperator(a).adjoint().apply(w);
        assertThat(Vectors.relativeMaxDifference(back, java.util.Arrays.copyOf(expected.data, 6)))
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Test
    void entryIJSitsAtTwiceRowMajorIndex() {
        ZMatrixRMaj a = new ZMatrixRMaj(2, 2);
        a.set(1, 0, 3.0, -2.0);
        // e₀ = (1 + 0i, 0): A e₀ is column 0 = (0, 3 − 2i)
        double[] y = new ComplexMatrixOperator(a).apply(new double[] {1, 0, 0, 0});
        assertThat(y).containsExactly(0, 0, 3, -2);
        assertThat(a.data[2 * (1 * 2 + 0)]).isEqualTo(3.0);
    }

    @Test
    void refusesARealDomain() {
        assertThatThrownBy(() -> new ComplexMatrixOperator(new ZMatrixRMaj(2, 2), VectorSpace.real(2),
                VectorSpace.complex(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complex domain").hasMessageContaining("ArraySpace[2, real]");
    }
}
