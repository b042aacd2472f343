package io.github.regpy4j.vecsps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UniformGridTest {

    private static final double TOLERANCE = 1e-15;

    @Test
    void axesAreLinspaces() {
        UniformGrid.Axis a = new UniformGrid.Axis(-1, 1, 5);
        assertThat(a.coordinates()).containsExactly(new double[] {-1, -0.5, 0, 0.5, 1}, within(TOLERANCE));
        assertThat(a.spacing()).isEqualTo(0.5);
        assertThat(new UniformGrid.Axis(2, 2, 1).coordinates()).containsExactly(2.0);
    }

    @Test
    void centeredAxesFollowRegpy() {
        assertThat(UniformGrid.Axis.centered(4, 0.5).coordinates()).containsExactly(new double[] {-1, -0.5, 0, 0.5},
                within(TOLERANCE));
        assertThat(UniformGrid.Axis.centered(3, 1).coordinates()).containsExactly(new double[] {-1, 0, 1}, within(TOLERANCE));
    }

    @Test
    void gridHasShapeVolumeElementAndMeshgrid() {
        UniformGrid g = UniformGrid.complex(new UniformGrid.Axis(0, 1, 3), new UniformGrid.Axis(0, 3, 4));
        assertThat(g.shape()).containsExactly(3, 4);
        assertThat(g.realSize()).isEqualTo(24);
        assertThat(g.volumeElement()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(g.meshgrid(0)).containsExactly(new double[] {0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1}, within(TOLERANCE));
        assertThat(g.meshgrid(1)).containsExactly(new double[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, within(TOLERANCE));
        assertThat(g).hasToString("UniformGrid[3x4, complex]");
    }

    @Test
    void gridsAreValuesThatKnowTheirAxes() {
        UniformGrid a = UniformGrid.real(new UniformGrid.Axis(0, 1, 3));
        assertThat(a).isEqualTo(UniformGrid.real(new UniformGrid.Axis(0, 1, 3)))
                .hasSameHashCodeAs(UniformGrid.real(new UniformGrid.Axis(0, 1, 3)))
                .isNotEqualTo(UniformGrid.real(new UniformGrid.Axis(0, 2, 3)))
                .isNotEqualTo(VectorSpace.real(3));
        assertThat(a.toComplex().toReal()).isEqualTo(a);
        assertThat(a.toComplex().axes()).isEqualTo(a.axes());
    }

    @Test
    void badAxesAreRefused() {
        assertThatThrownBy(() -> new UniformGrid.Axis(1, 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop > start");
        assertThatThrownBy(() -> new UniformGrid.Axis(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count is 0");
        assertThatThrownBy(() -> UniformGrid.real()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one axis");
    }
}
