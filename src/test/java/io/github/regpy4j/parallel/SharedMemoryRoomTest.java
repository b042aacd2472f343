package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The arithmetic of whether a call's regions fit {@code /dev/shm}, and the advice when they do not. */
class SharedMemoryRoomTest {

    private static final long MIB = 1L << 20;

    @Test
    void theMarginIsATwentiethWithinFourAnd256MiB() {
        assertThat(SharedMemoryRoom.margin(16 * MIB)).as("16 MiB tmpfs").isEqualTo(4 * MIB);
        assertThat(SharedMemoryRoom.margin(64 * MIB)).as("Docker's default 64 MiB").isEqualTo(4 * MIB);
        assertThat(SharedMemoryRoom.margin(1024 * MIB)).as("1 GiB").isEqualTo(1024 * MIB / 20);
        assertThat(SharedMemoryRoom.margin(64L * 1024 * MIB)).as("64 GiB").isEqualTo(256 * MIB);
    }

    @Test
    void aCallFitsOnlyWithItsMarginLeftFree() {
        assertThat(SharedMemoryRoom.fits(12 * MIB, 16 * MIB, 16 * MIB)).as("12 of 16 MiB free, margin 4").isTrue();
        assertThat(SharedMemoryRoom.fits(12 * MIB + 1, 16 * MIB, 16 * MIB)).as("one byte more").isFalse();
        assertThat(SharedMemoryRoom.fits(27 * MIB, 16 * MIB, 16 * MIB)).as("two 1e6-double replies and an argument")
                .isFalse();
        assertThat(SharedMemoryRoom.fits(MIB, 2 * MIB, 64 * MIB)).as("a full 64 MiB store").isFalse();
    }

    @Test
    void theAdviceNamesASizeThatWouldHoldTheCallAndBothWaysToGiveIt() {
        long needed = 27 * MIB;
        long size = SharedMemoryRoom.suggestedSize(needed);
        assertThat(size % (64 * MIB)).as("a multiple of 64 MiB").isZero();
        assertThat(SharedMemoryRoom.fits(needed, size, size)).as(size + " bytes hold " + needed).isTrue();
        assertThat(size).as("the smallest such multiple for 27 MiB").isEqualTo(64 * MIB);
        assertThat(SharedMemoryRoom.suggestedSize(61 * MIB)).as("61 MiB + 4 MiB margin exceed 64 MiB").isEqualTo(128 * MIB);
        assertThat(SharedMemoryRoom.advice(needed)).contains("--shm-size=64m").contains("emptyDir")
                .contains("medium: Memory").contains("sizeLimit: 64Mi");
    }
}
