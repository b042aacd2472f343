package io.github.regpy4j.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link CountIterations}, {@link Discrepancy} and their combination {@link AnyOf}. */
@Timeout(30)
class StopRuleTest {

    private static IterationState state(int iteration, double residual) {
        return new IterationState(iteration, new double[0], new double[0], residual, Double.NaN, 0);
    }

    @Test
    void countIterationsStopsAfterNIterations() {
        assertThat(new CountIterations(0).shouldStop(state(0, 1))).isTrue();
        CountIterations two = new CountIterations(2);
        assertThat(two.shouldStop(state(1, 1))).isFalse();
        assertThat(two.shouldStop(state(2, 1))).isTrue();
    }

    @Test
    void discrepancyStopsAtTauTimesDelta() {
        Discrepancy d = new Discrepancy(2, 1.5);
        assertThat(d.shouldStop(state(1, 3.0000001))).isFalse();
        assertThat(d.shouldStop(state(1, 3))).isTrue();
        assertThat(d.shouldStop(state(1, 0.1))).isTrue();
    }

    @Test
    void anyOfStopsWhenOneMemberDoesAndNamesIt() {
        CountIterations count = new CountIterations(5);
        Discrepancy disc = new Discrepancy(1, 1.1);
        StopRule both = count.or(disc);
        assertThat(both.firedRule()).isNull();
        assertThat(both.shouldStop(state(1, 10))).isFalse();
        assertThat(both.shouldStop(state(2, 1))).isTrue();
        assertThat(both.firedRule()).isSameAs(disc);
        assertThat(both.shouldStop(state(5, 10))).isTrue();
        assertThat(both.firedRule()).isSameAs(count);
    }

    @Test
    void nestedCombinationsAreFlattened() {
        CountIterations a = new CountIterations(1);
        CountIterations b = new CountIterations(2);
        Discrepancy c = new Discrepancy(1, 2);
        AnyOf all = (AnyOf) a.or(b).or(c);
        assertThat(all.rules()).containsExactly(a, b, c);
        assertThat(all.toString()).contains("CountIterations[1]", "CountIterations[2]", "Discrepancy[τ=2.0");
    }

    @Test
    void refusesBadParametersNamingThem() {
        assertThatThrownBy(() -> new CountIterations(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new Discrepancy(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("δ > 0 but got 0.0");
        assertThatThrownBy(() -> new Discrepancy(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("τ > 1 but got 1.0");
        assertThatThrownBy(() -> AnyOf.of()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
