package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.PointwiseMultiplication;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator's arrays of doubles arrive bit for bit: NaN payloads, signed zeros, subnormals and
 * infinities, in arrays long enough to take several bulk copies.
 */
@Timeout(30)
class OperatorTransportTest {

    private static final long SEED = 20261206L;

    @Test
    void anOperatorsDoublesArriveBitForBit() {
        Random rng = new Random(SEED);
        // 3 × 2¹⁶ + 5 doubles: three bulk copies and a rest.
        int n = 3 * (1 << 16) + 5;
        double[] weights = new double[n];
        double[] specials = {Double.longBitsToDouble(0x7ff8_dead_beef_0001L), Double.longBitsToDouble(0xfff0_0000_0000_0042L),
            -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY, Double.MAX_VALUE};
        for (int k = 0; k < n; k++) {
            weights[k] = k % 7 == 0 ? specials[rng.nextInt(specials.length)] : rng.nextGaussian();
        }
        Operator op = PointwiseMultiplication.real(VectorSpace.real(n), weights);
        Operator copy = OperatorTransport.deserialize(OperatorTransport.serialize(op), getClass().getClassLoader());

        // Times one, each weight comes back as it is (a NaN quieted alike on both sides), so a NaN
        // made the canonical one on the way, as Kryo's own streams do, would show.
        double[] ones = VectorSpace.real(n).ones();
        long[] sent = Arrays.stream(op.apply(ones)).mapToLong(Double::doubleToRawLongBits).toArray();
        long[] arrived = Arrays.stream(copy.apply(ones)).mapToLong(Double::doubleToRawLongBits).toArray();
        assertThat(arrived).as("seed %d", SEED).isEqualTo(sent);
    }

    @Test
    void theWarmUpLeavesAKryoThatRebuildsOperatorsAsBefore() {
        // In this JVM the worker's Kryo may exist already (another test deserialized): then it is a no-op.
        OperatorTransport.warmUp();
        OperatorTransport.warmUp();
        Random rng = new Random(SEED);
        double[] weights = VectorSpace.real(5).randn(rng);
        Operator op = PointwiseMultiplication.real(VectorSpace.real(5), weights);
        Operator copy = OperatorTransport.deserialize(OperatorTransport.serialize(op), getClass().getClassLoader());
        double[] x = VectorSpace.real(5).randn(rng);
        assertThat(copy.apply(x)).as("seed %d", SEED).containsExactly(op.apply(x));
    }
}
