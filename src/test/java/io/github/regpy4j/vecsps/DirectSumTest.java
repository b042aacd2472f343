package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectSumTest {

    private static final VectorSpace R2 = VectorSpace.real(2);
    private static final VectorSpace C1 = VectorSpace.complex(1);

    @Test
    void mixedSummandsKeepTheirOwnLayout() {
        DirectSum s = new DirectSum(R2, C1, R2);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.realSize()).isEqualTo(6);
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.shape()).containsExactly(5);
        assertThat(s.isComplex()).isFalse();
        assertThat(s.offset(0)).isZero();
        assertThat(s.offset(1)).isEqualTo(2);
        assertThat(s.offset(2)).isEqualTo(4);
        assertThat(s.offset(3)).isEqualTo(6);
        assertThat(s.ones()).containsExactly(1, 1, 1, 0, 1, 1);
        assertThat(s.join(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6})).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(s.split(new double[] {1, 2, 3, 4, 5, 6})[1]).containsExactly(3, 4);
    }

    @Test
    void nestedSumsAreNotFlattened() {
        DirectSum inner = new DirectSum(C1, R2);
        DirectSum outer = new DirectSum(R2, inner);
        assertThat(outer.count()).isEqualTo(2);
        assertThat(outer.summand(1)).isEqualTo(inner);
        assertThat(outer.realSize()).isEqualTo(6);
        assertThat(new DirectSum(C1, C1).isComplex()).isTrue();
        assertThat(outer.toComplex()).isEqualTo(new DirectSum(VectorSpace.complex(2), new DirectSum(C1, VectorSpace.complex(2))));
    }

    @Test
    void sumsAreValues() {
        assertThat(new DirectSum(R2, C1)).isEqualTo(new DirectSum(List.of(R2, C1)))
                .hasSameHashCodeAs(new DirectSum(List.of(R2, C1))).isNotEqualTo(new DirectSum(C1, R2));
        assertThat(new DirectSum(R2, C1)).hasToString("DirectSum[ArraySpace[2, real], ArraySpace[1, complex]]");
        assertThatThrownBy(() -> new DirectSum(R2, C1).summands().add(R2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badArgumentsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> new DirectSum()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
        assertThatThrownBy(() -> new DirectSum((List<VectorSpace>) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new DirectSum(R2, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("summand 1");
        DirectSum s = new DirectSum(R2, C1);
        assertThatThrownBy(() -> s.summand(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("2");
        assertThatThrownBy(() -> s.offset(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> s.split(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 3").hasMessageContaining("needs 4");
    }
}
