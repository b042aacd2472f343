package io.github.regpy4j.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Bits} tells apart what a tolerance would let pass, and names the first difference. */
class BitsTest {

    @Test
    void identicalVectorsPass() {
        double[] x = {1.5, -0.0, Double.NaN, Double.MIN_VALUE};
        assertThatCode(() -> Bits.assertBitIdentical(x, x.clone(), "same")).doesNotThrowAnyException();
    }

    @Test
    void oneUlpFailsNamingTheElementAndBothBitPatterns() {
        double[] x = {1.0, 2.0, 3.0};
        double[] y = {1.0, Math.nextUp(2.0), 3.0};
        assertThatThrownBy(() -> Bits.assertBitIdentical(y, x, "one ulp"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("one ulp: 1 of 3 elements differ")
                .hasMessageContaining("element 1")
                .hasMessageContaining("0x4000000000000001")
                .hasMessageContaining("0x4000000000000000");
    }

    @Test
    void negativeZeroIsNotZero() {
        assertThatThrownBy(() -> Bits.assertBitIdentical(new double[] {-0.0}, new double[] {0.0}, "signed zero"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("element 0");
    }

    @Test
    void differentLengthsFail() {
        assertThatThrownBy(() -> Bits.assertBitIdentical(new double[2], new double[3], "lengths"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("length 2").hasMessageContaining("length 3");
    }
}
