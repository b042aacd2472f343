package io.github.regpy4j.operators.scattering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.regpy4j.diagnostics.AdjointCheck;
import io.github.regpy4j.diagnostics.AdjointCheckResult;
import io.github.regpy4j.diagnostics.TaylorCheck;
import io.github.regpy4j.diagnostics.TaylorCheckResult;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.linalg.Gmres;
import io.github.regpy4j.linalg.GmresNotConvergedException;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objenesis.strategy.StdInstantiatorStrategy;

/** {@link MediumScattering}: the operator contract, its conventions, splitting, and travel by Kryo. */
@Timeout(30)
class MediumScatteringTest {

    private static final long SEED = 20261205L;
    /** Independent solves of the same equations: the same operations, so equal up to summation order. */
    private static final double SPLIT_TOLERANCE = 1e-12;

    /** A small problem: 16×16, 3 incident and 4 far-field directions, wave number 2. */
    static MediumScattering small() {
        return MediumScattering.fixed(new int[] {16, 16}, 1.0, 2.0, MediumScattering.circleDirections(3),
                MediumScattering.circleDirections(4));
    }

    /** A contrast of size about 0.3 per point, everywhere (off the support too). */
    static double[] contrast(Operator op, Random rng) {
        double[] x = op.domain().randn(rng);
        for (int k = 0; k < x.length; k++) {
            x[k] *= 0.3;
        }
        return x;
    }

    @Nested
    class Contract extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return small();
        }

        @Override
        protected double[] point(Random rng) {
            return contrast(operatorUnderTest(), rng);
        }

        @Override
        protected double taylorRelativeAccuracy() {
            // each value is a GMRES solution to rtol 1e−14
            return 1e-13;
        }
    }

    @Test
    void derivativePassesTaylorAndAdjointTestsAtAStrongContrastThatNeedsRestarts() {
        // a contrast of 2 on the disc at wave number 3: GMRES(10) needs more than one cycle
        MediumScattering op = MediumScattering.fixed(new int[] {32, 32}, 1.0, 3.0, MediumScattering.circleDirections(2),
                MediumScattering.circleDirections(3));
        Random rng = new Random(SEED + 5);
        double[] x = contrast(op, rng);
        boolean[] support = op.support();
        for (int k = 0; k < support.length; k++) {
            x[2 * k] += support[k] ? 2.0 : 0.0;
        }
        AdjointCheckResult adjoint = AdjointCheck.ofDerivative(op, x, rng, AdjointCheck.DEFAULT_TOLERANCE);
        assertThat(adjoint.passed()).as("seed %d%n%s", SEED + 5, adjoint).isTrue();
        TaylorCheckResult taylor = TaylorCheck.run(op, x, op.domain().randn(rng), 1e-13);
        assertThat(taylor.passed()).as("seed %d%n%s", SEED + 5, taylor).isTrue();
        MediumScattering oneCycle = MediumScattering.fixed(new int[] {32, 32}, 1.0, 3.0,
                MediumScattering.circleDirections(2), MediumScattering.circleDirections(3), new Gmres(10, 1e-14, 0.0, 1));
        assertThatThrownBy(() -> oneCycle.apply(x)).as("one cycle of 10 is not enough here")
                .isInstanceOf(GmresNotConvergedException.class);
    }

    @Test
    void domainIsRegpysGridAndCodomainFarFieldByIncident() {
        MediumScattering op = small();
        UniformGrid grid = (UniformGrid) op.domain();
        assertThat(grid.isComplex()).isTrue();
        assertThat(grid.shape()).containsExactly(16, 16);
        assertThat(grid.axis(0).start()).isEqualTo(-2.0);
        assertThat(grid.spacing(0)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(op.codomain()).isEqualTo(VectorSpace.complex(4, 3));
        assertThat(op.toString()).isEqualTo("MediumScattering[16x16, radius 1.0, k 2.0, 3 incident, 4 far-field directions]");
    }

    @Test
    void supportIsTheDiscOfTheRadius() {
        boolean[] support = small().support();
        int count = 0;
        for (int i = 0; i < 16; i++) {
            for (int k = 0; k < 16; k++) {
                double x = -2 + 0.25 * i;
                double y = -2 + 0.25 * k;
                assertThat(support[i * 16 + k]).as("(%d, %d)", i, k).isEqualTo(x * x + y * y <= 1.0);
                count += support[i * 16 + k] ? 1 : 0;
            }
        }
        assertThat(count).isEqualTo(49);
    }

    @Test
    void entriesOffTheSupportAreIgnoredAndTheAdjointVanishesThere() {
        MediumScattering op = small();
        Random rng = new Random(SEED);
        double[] x = contrast(op, rng);
        double[] masked = x.clone();
        boolean[] support = op.support();
        for (int k = 0; k < support.length; k++) {
            if (!support[k]) {
                masked[2 * k] = 0;
                masked[2 * k + 1] = 0;
            }
        }
        assertThat(op.apply(x)).as("seed %d", SEED).isEqualTo(op.apply(masked));
        Linearization lin = op.linearize(x);
        double[] h = op.domain().randn(rng);
        double[] hMasked = h.clone();
        for (int k = 0; k < support.length; k++) {
            if (!support[k]) {
                hMasked[2 * k] = 0;
                hMasked[2 * k + 1] = 0;
            }
        }
        assertThat(lin.derivative().apply(h)).isEqualTo(lin.derivative().apply(hMasked));
        double[] back = lin.derivative().adjoint().apply(op.codomain().randn(rng));
        for (int k = 0; k < support.length; k++) {
            if (!support[k]) {
                assertThat(back[2 * k]).as("adjoint off the support at %d", k).isZero();
                assertThat(back[2 * k + 1]).as("adjoint off the support at %d", k).isZero();
            }
        }
    }

    @Test
    void theValueOfOneIncidentDirectionIsItsColumn() {
        MediumScattering op = small();
        double[][] incident = op.incidentDirections();
        double[] x = contrast(op, new Random(SEED + 1));
        double[] all = op.apply(x);
        for (int j = 0; j < incident.length; j++) {
            MediumScattering one = MediumScattering.fixed(new int[] {16, 16}, 1.0, 2.0, new double[][] {incident[j]},
                    op.farfieldDirections());
            double[] column = one.apply(x);
            for (int m = 0; m < 4; m++) {
                assertThat(column[2 * m]).as("far %d, incident %d", m, j).isEqualTo(all[2 * (m * 3 + j)]);
                assertThat(column[2 * m + 1]).as("far %d, incident %d", m, j).isEqualTo(all[2 * (m * 3 + j) + 1]);
            }
        }
    }

    @Test
    void splitOperatorsJoinedInRegpyOrderGiveTheWholeOne() {
        MediumScattering op = MediumScattering.fixed(new int[] {16, 16}, 1.0, 1.0, MediumScattering.circleDirections(5),
                MediumScattering.circleDirections(3));
        List<MediumScattering> parts = op.splitIncidentDirections(2);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).incidentDirections()).hasDimensions(2, 2);
        assertThat(parts.get(1).incidentDirections()).hasDimensions(3, 2);
        VectorOfOperators joined = new VectorOfOperators(parts);
        Random rng = new Random(SEED + 2);
        double[] x = contrast(op, rng);
        Linearization whole = op.linearize(x);
        Linearization split = joined.linearize(x);
        assertThat(Vectors.relativeMaxDifference(op.joinedToRegpyOrder(split.value(), 2), whole.value()))
                .as("value, seed %d", SEED + 2).isLessThanOrEqualTo(SPLIT_TOLERANCE);
        double[] h = op.domain().randn(rng);
        assertThat(Vectors.relativeMaxDifference(op.joinedToRegpyOrder(split.derivative().apply(h), 2),
                whole.derivative().apply(h))).as("derivative, seed %d", SEED + 2).isLessThanOrEqualTo(SPLIT_TOLERANCE);
        double[] y = joined.codomain().randn(rng);
        assertThat(Vectors.relativeMaxDifference(split.derivative().adjoint().apply(y),
                whole.derivative().adjoint().apply(op.joinedToRegpyOrder(y, 2))))
                .as("adjoint, seed %d", SEED + 2).isLessThanOrEqualTo(SPLIT_TOLERANCE);
    }

    @Test
    void survivesKryoAndComputesTheSameBitForBit() {
        MediumScattering op = small();
        Random rng = new Random(SEED + 3);
        double[] x = contrast(op, rng);
        Linearization before = op.linearize(x);
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        Output out = new Output(1024, -1);
        kryo.writeClassAndObject(out, op);
        byte[] bytes = out.toBytes();
        // parameters only: far less than the kernel (16·16 complex) and the plane waves
        assertThat(bytes.length).as("serialized size").isLessThan(2048);
        MediumScattering copy = (MediumScattering) kryo.readClassAndObject(new Input(bytes));
        assertThat(copy.domain()).isEqualTo(op.domain());
        assertThat(copy.codomain()).isEqualTo(op.codomain());
        assertThat(copy.toString()).isEqualTo(op.toString());
        Linearization after = copy.linearize(x);
        assertThat(after.value()).isEqualTo(before.value());
        double[] h = op.domain().randn(rng);
        double[] y = op.codomain().randn(rng);
        assertThat(after.derivative().apply(h)).isEqualTo(before.derivative().apply(h));
        assertThat(after.derivative().adjoint().apply(y)).isEqualTo(before.derivative().adjoint().apply(y));
    }

    @Test
    void aSolveThatDoesNotConvergeNamesTheWaveAndTheOperator() {
        MediumScattering op = MediumScattering.fixed(new int[] {16, 16}, 1.0, 2.0, MediumScattering.circleDirections(2),
                MediumScattering.circleDirections(2), new Gmres(1, 1e-14, 0.0, 1));
        double[] x = contrast(op, new Random(SEED + 4));
        assertThatThrownBy(() -> op.apply(x)).isInstanceOf(GmresNotConvergedException.class)
                .hasMessageContaining("Lippmann–Schwinger equation of incident direction 0 [1.0, 0.0]")
                .hasMessageContaining(op.toString()).hasMessageContaining("did not converge");
    }

    @Test
    void refusesBadParametersSayingWhichAndWhy() {
        double[][] d = MediumScattering.circleDirections(2);
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 8}, 1, 1, d, d))
                .hasMessageContaining("square grid of even size").hasMessageContaining("[16, 8]");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {15, 15}, 1, 1, d, d))
                .hasMessageContaining("[15, 15]");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 16, 16}, 1, 1, d, d))
                .hasMessageContaining("two axes");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 16}, 0, 1, d, d)).hasMessageContaining("radius > 0");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 16}, 1, Double.NaN, d, d))
                .hasMessageContaining("wave number > 0 but got NaN");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 16}, 1, 1, new double[][] {{1, 1}}, d))
                .hasMessageContaining("incident direction 0 must be a unit vector").hasMessageContaining("norm 1.414");
        assertThatThrownBy(() -> MediumScattering.fixed(new int[] {16, 16}, 1, 1, d, new double[0][]))
                .hasMessageContaining("at least one far-field direction");
        assertThatThrownBy(() -> small().splitIncidentDirections(4)).hasMessageContaining("1 to 3 parts but got 4");
    }

    @Test
    void besselFunctionsAgreeWithTablesAndTheWronskian() {
        // Abramowitz–Stegun table 9.1 at x = 1
        double[] at1 = Bessel.ordersZeroAndOne(1.0);
        assertThat(at1[0]).isCloseTo(0.7651976865579666, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(at1[1]).isCloseTo(0.4400505857449335, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(at1[2]).isCloseTo(0.0882569642156769, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(at1[3]).isCloseTo(-0.7812128213002887, org.assertj.core.data.Offset.offset(1e-15));
        // J₁Y₀ − J₀Y₁ = 2/(πx) over five decades
        for (double x = 1e-3; x < 500; x *= 1.7) {
            double[] b = Bessel.ordersZeroAndOne(x);
            double wronskian = b[1] * b[2] - b[0] * b[3];
            assertThat(wronskian * Math.PI * x / 2).as("x = %s", x).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(Bessel.firstKind(0.0)[0]).isEqualTo(1.0);
    }
}
