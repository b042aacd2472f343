package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorSpaceTest {

    /** A few ulps, relative. */
    private static final double RELATIVE_TOLERANCE = 1e-15;

    @Test
    void realAndComplexSpacesHaveTheirSizes() {
        VectorSpace r = VectorSpace.real(3, 4);
        VectorSpace c = VectorSpace.complex(3, 4);
        assertThat(r.shape()).containsExactly(3, 4);
        assertThat(r.size()).isEqualTo(12);
        assertThat(r.realSize()).isEqualTo(12);
        assertThat(r.isComplex()).isFalse();
        assertThat(c.size()).isEqualTo(12);
        assertThat(c.realSize()).isEqualTo(24);
        assertThat(c.isComplex()).isTrue();
    }

    @Test
    void onesOfAComplexSpaceAreOnePlusZeroI() {
        assertThat(VectorSpace.complex(2).ones()).containsExactly(1, 0, 1, 0);
        assertThat(VectorSpace.real(2).ones()).containsExactly(1, 1);
        assertThat(VectorSpace.complex(2).zeros()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void innerProductIsTheRealPartOfTheComplexOne() {
        // x = (1 + 2i), y = (3 − i): ⟨x, y⟩ = x·conj(y) = (1 + 2i)(3 + i) = 1 + 7i, real part 1
        VectorSpace c = VectorSpace.complex(1);
        assertThat(c.vdot(new double[] {1, 2}, new double[] {3, -1})).isEqualTo(1.0);
        assertThat(c.norm(new double[] {3, 4})).isCloseTo(5.0, within(5 * RELATIVE_TOLERANCE));
    }

    @Test
    void normNeitherOverflowsNorUnderflows() {
        VectorSpace r = VectorSpace.real(2);
        assertThat(r.norm(new double[] {3e200, 4e200})).isCloseTo(5e200, within(5e200 * RELATIVE_TOLERANCE));
        assertThat(r.norm(new double[] {3e-200, 4e-200})).isCloseTo(5e-200, within(5e-200 * RELATIVE_TOLERANCE));
        assertThat(r.norm(new double[] {Double.NaN, 1})).isNaN();
        assertThat(r.norm(new double[] {0, 0})).isZero();
    }

    @Test
    void randnIsSeeded() {
        VectorSpace c = VectorSpace.complex(5);
        assertThat(c.randn(new Random(4))).containsExactly(c.randn(new Random(4)));
    }

    @Test
    void spacesAreValues() {
        assertThat(VectorSpace.real(2, 3)).isEqualTo(VectorSpace.real(2, 3)).hasSameHashCodeAs(VectorSpace.real(2, 3))
                .isNotEqualTo(VectorSpace.real(3, 2)).isNotEqualTo(VectorSpace.complex(2, 3));
        assertThat(VectorSpace.complex(64, 64)).hasToString("ArraySpace[64x64, complex]");
        assertThat(VectorSpace.real(2).toComplex()).isEqualTo(VectorSpace.complex(2));
        assertThat(VectorSpace.complex(2).toReal()).isEqualTo(VectorSpace.real(2));
        int[] shape = {2, 2};
        VectorSpace s = VectorSpace.real(shape);
        shape[0] = 7;
        s.shape()[1] = 9;
        assertThat(s.shape()).containsExactly(2, 2);
    }

    @Test
    void badShapesAndElementsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> VectorSpace.real()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> VectorSpace.real(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 0]");
        assertThatThrownBy(() -> VectorSpace.complex(1 << 16, 1 << 15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Java array");
        VectorSpace r = VectorSpace.real(3);
        assertThatThrownBy(() -> r.vdot(new double[3], new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 2").hasMessageContaining("needs 3");
        assertThatThrownBy(() -> r.requireElement(null, "z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z is null");
        assertThat(r.contains(null)).isFalse();
    }
}
