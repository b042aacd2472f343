package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Operators travel to worker JVMs by Kryo: every operator of this package, held in plain fields
 * (arrays, EJML matrices, spaces), survives a round trip and computes the same after it. Uses the
 * configuration an unregistered object graph needs: no registration, references on, Objenesis
 * when there is no no-argument constructor.
 */
class KryoRoundTripTest {

    private static final double RELATIVE_TOLERANCE = 0.0;

    private static Kryo kryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        return kryo;
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) {
        Output out = new Output(1024, -1);
        kryo().writeClassAndObject(out, object);
        return (T) kryo().readClassAndObject(new Input(out.toBytes()));
    }

    @Test
    void spacesSurviveAsEqualValues() {
        UniformGrid grid = UniformGrid.complex(new UniformGrid.Axis(0, 1, 3), UniformGrid.Axis.centered(4, 0.5));
        DirectSum sum = new DirectSum(VectorSpace.real(2), new DirectSum(grid, VectorSpace.complex(1)));
        assertThat(roundTrip(grid)).isEqualTo(grid);
        assertThat(roundTrip(sum)).isEqualTo(sum);
        assertThat(roundTrip(sum).offset(2)).isEqualTo(sum.offset(2));
    }

    @Test
    void everyOperatorComputesTheSameAfterARoundTrip() {
        VectorSpace r4 = VectorSpace.real(4);
        VectorSpace c4 = VectorSpace.complex(4);
        Random rng = new Random(91);
        List<Operator> ops = List.of(
                Fixtures.matrix(4, 4, 92),
                Fixtures.complexMatrix(4, 4, 93).andThen(new Exponential(c4)).andThen(new SquaredModulus(c4)),
                PointwiseMultiplication.complex(r4, Fixtures.gaussian(8, rng)).andThen(new RealPart(c4)),
                new ImaginaryPart(c4).compose(PointwiseMultiplication.real(c4, Fixtures.gaussian(4, rng))).plus(
                        new Power(r4, 3).compose(new RealPart(c4))).scale(2).shift(r4.ones()),
                new VectorOfOperators(List.of(new Identity(r4), new Zero(r4), new Exponential(r4).shiftArgument(r4.ones()))),
                new VectorOfOperators(List.of(new Identity(r4), new Identity(new DirectSum(r4, r4))), new DirectSum(r4, r4),
                        new boolean[][] {{true, false}, {true, true}}),
                new DirectSumOperator(new Power(r4, 2), Fixtures.matrix(2, 4, 94)),
                Fixtures.matrix(4, 4, 95).adjoint());
        for (Operator op : ops) {
            Operator copy = roundTrip(op);
            double[] x = op.domain().randn(rng);
            assertThat(copy.domain()).isEqualTo(op.domain());
            assertThat(copy.codomain()).isEqualTo(op.codomain());
            assertThat(Vectors.relativeMaxDifference(copy.apply(x), op.apply(x))).as("%s", op)
                    .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
            double[] h = op.domain().randn(rng);
            double[] d = op.linearize(x).derivative().apply(h);
            assertThat(Vectors.relativeMaxDifference(copy.linearize(x).derivative().apply(h), d)).as("%s", op)
                    .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        }
    }
}
