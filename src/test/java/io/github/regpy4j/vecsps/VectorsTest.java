package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ejml.data.Complex_F64;
import org.ejml.ops.ComplexMath_F64;
import org.junit.jupiter.api.Test;

/** Elementwise helpers, and that interleaved complex arithmetic matches EJML's. */
class VectorsTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void realArithmeticLeavesArgumentsAlone() {
        double[] x = {1, 2};
        double[] y = {3, 5};
        assertThat(Vectors.add(x, y)).containsExactly(4, 7);
        assertThat(Vectors.subtract(x, y)).containsExactly(-2, -3);
        assertThat(Vectors.scale(2, x)).containsExactly(2, 4);
        assertThat(x).containsExactly(1, 2);
        Vectors.axpyInPlace(2, x, y);
        assertThat(y).containsExactly(5, 9);
        double[] z = new double[4];
        Vectors.addInPlace(x, z, 1);
        assertThat(z).containsExactly(0, 1, 2, 0);
        assertThat(Vectors.copy(null)).isNull();
        assertThatThrownBy(() -> Vectors.add(x, new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2").hasMessageContaining("3");
    }

    @Test
    void complexProductsMatchEjml() {
        double[] x = {1, 2, -3, 0.5};
        double[] y = {0.25, -4, 2, 3};
        double[] p = Vectors.complexMultiply(x, y);
        double[] q = Vectors.complexConjugateMultiply(x, y);
        for (int k = 0; k < 2; k++) {
            Complex_F64 a = new Complex_F64(x[2 * k], x[2 * k + 1]);
            Complex_F64 b = new Complex_F64(y[2 * k], y[2 * k + 1]);
            Complex_F64 ab = new Complex_F64();
            ComplexMath_F64.multiply(a, b, ab);
            assertThat(new double[] {p[2 * k], p[2 * k + 1]}).containsExactly(ab.real, ab.imaginary);
            Complex_F64 conj = new Complex_F64();
            ComplexMath_F64.conj(a, conj);
            ComplexMath_F64.multiply(conj, b, ab);
            assertThat(new double[] {q[2 * k], q[2 * k + 1]}).containsExactly(ab.real, ab.imaginary);
        }
        assertThat(Vectors.toComplex(new double[] {7, 8})).containsExactly(7, 0, 8, 0);
    }

    @Test
    void relativeMaxDifferenceScalesByTheReference() {
        assertThat(Vectors.relativeMaxDifference(new double[] {1, 2.002}, new double[] {1, 2})).isCloseTo(0.001,
                org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(Vectors.relativeMaxDifference(new double[] {1e-3}, new double[] {0})).isEqualTo(1e-3);
    }
}
