package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.diagnostics.AdjointCheck;
import io.github.regpy4j.diagnostics.AdjointCheckResult;
import io.github.regpy4j.diagnostics.LinearityCheck;
import io.github.regpy4j.diagnostics.LinearityCheckResult;
import io.github.regpy4j.diagnostics.TaylorCheck;
import io.github.regpy4j.diagnostics.TaylorCheckResult;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Operator} keeps, as tests that each operator's test class inherits
 * (in the manner of EJML's generic tests): arguments are not modified and results are fresh; the
 * adjoint passes the scale-invariant adjoint test when the operator is linear and is refused when
 * it is not; the derivative passes the Taylor test, the adjoint test and the linearity test; a
 * linear operator passes the linearity test; a stale derivative is refused; arguments of the
 * wrong length or {@code null} are refused with a message naming the expected and actual length
 * and the operator.
 *
 * <p>A subclass implements {@link #operator()} and may override {@link #seed()}, {@link
 * #point(Random)} (e.g. positive input), {@link #direction(Random)} (the Taylor direction), {@link
 * #adjointTolerance()}, {@link #taylorRelativeAccuracy()} and {@link #linearityTolerance()}. {@code operator()} is called once per
 * test method; test code reaches it through {@link #operatorUnderTest()}.
 *
 * <p>Every failure message carries the {@link #seed()}; all randomness comes from it.
 */
public abstract class OperatorContractTest {

    private Operator subject;

    /** The operator under test. Called once per test method; may return a shared instance. */
    protected abstract Operator operator();

    /** @return the seed of every {@link Random} these tests use */
    protected long seed() {
        return 20261126L;
    }

    /** A point of the domain to test at; override for operators that need e.g. positive input. */
    protected double[] point(Random rng) {
        return operatorUnderTest().domain().randn(rng);
    }

    /**
     * A direction for the Taylor test; override for operators that need {@code x + t·h} to stay in
     * a region for {@code t ≤ 0.1}.
     */
    protected double[] direction(Random rng) {
        return operatorUnderTest().domain().randn(rng);
    }

    /**
     * The operator of the current test method: {@link #operator()}, called once per test method
     * (JUnit makes a new instance of this class for each) and remembered.
     *
     * @return the operator under test
     */
    protected final Operator operatorUnderTest() {
        if (subject == null) {
            subject = operator();
            assertThat(subject).as("operator() returned null").isNotNull();
        }
        return subject;
    }

    /** @return the tolerance of the adjoint tests */
    protected double adjointTolerance() {
        return 1e-10;
    }

    /**
     * @return the relative accuracy of one evaluation, which sets the round-off floor of the Taylor
     *     test; raise it for operators that solve to a tolerance
     */
    protected double taylorRelativeAccuracy() {
        return TaylorCheck.DEFAULT_RELATIVE_ACCURACY;
    }

    /** @return the tolerance of the linearity tests */
    protected double linearityTolerance() {
        return LinearityCheck.DEFAULT_TOLERANCE;
    }

    private Random rng() {
        return new Random(seed());
    }

    private String context(Operator op) {
        return "operator " + op + ", seed " + seed();
    }

    @Test
    void applyDoesNotModifyItsArgumentAndReturnsAFreshArray() {
        Operator op = operatorUnderTest();
        double[] x = point(rng());
        double[] copy = x.clone();
        double[] y = op.apply(x);
        assertThat(x).as("argument of apply was modified; %s", context(op)).isEqualTo(copy);
        assertThat(y).as("apply returned its argument; %s", context(op)).isNotSameAs(x);
        double[] saved = y.clone();
        Arrays.fill(y, Double.NaN);
        double[] again = op.apply(x);
        assertThat(again).as("apply returned the same array twice; %s", context(op)).isNotSameAs(y);
        assertThat(again).as("apply is not repeatable or shares state with its result; %s", context(op))
                .containsExactly(saved, offset(0.0));
    }

    @Test
    void applyIntoWritesExactlyWhatApplyReturnsAndKeepsNothingOfEarlierCalls() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        checkApplyInto(op, "applyInto", point(rng), point(rng));
    }

    @Test
    void theAdjointsApplyIntoWritesExactlyWhatItsApplyReturnsAndKeepsNothing() {
        Operator op = operatorUnderTest();
        assumeTrue(op.isLinear(), "only a linear operator has an adjoint");
        Random rng = rng();
        checkApplyInto(op.adjoint(), "the adjoint's applyInto", op.codomain().randn(rng), op.codomain().randn(rng));
    }

    @Test
    void theDerivativesApplyIntoAndItsAdjointsWriteExactlyWhatApplyReturnsAndKeepNothing() {
        Operator op = operatorUnderTest();
        assumeTrue(!op.isLinear(), "a linear operator is its own derivative, checked above");
        Random rng = rng();
        Operator d = op.linearize(point(rng)).derivative();
        checkApplyInto(d, "the derivative's applyInto", op.domain().randn(rng), op.domain().randn(rng));
        checkApplyInto(d.adjoint(), "the derivative's adjoint's applyInto", op.codomain().randn(rng),
                op.codomain().randn(rng));
    }

    /**
     * {@code normal()} is {@code F*F}: the adjoint after the operator (after the derivative, for a
     * nonlinear one). An operator may compute it its own way but must give the same terms; the
     * library's operators also add them in the same order, so the bits agree. It is its own
     * adjoint, and its {@code applyInto} writes what its {@code apply} returns.
     */
    @Test
    void theNormalOperatorIsTheAdjointAfterTheOperatorToTheLastBit() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        Operator linear = op;
        if (!op.isLinear()) {
            assertThatThrownBy(op::normal).as("normal() of a nonlinear operator; %s", context(op))
                    .isInstanceOf(UnsupportedOperationException.class);
            linear = op.linearize(point(rng)).derivative();
        }
        double[] h = op.domain().randn(rng);
        double[] copy = h.clone();
        Operator normal = linear.normal();
        double[] actual = normal.apply(h);
        assertThat(h).as("argument of the normal operator was modified; %s", context(op)).isEqualTo(copy);
        assertThat(bits(actual)).as("the normal operator differs from the adjoint after the operator; %s", context(op))
                .isEqualTo(bits(linear.adjoint().apply(linear.apply(h))));
        assertThat(bits(normal.adjoint().apply(h))).as("the normal operator's adjoint is not itself; %s", context(op))
                .isEqualTo(bits(actual));
        checkApplyInto(normal, "the normal operator's applyInto", h, op.domain().randn(rng));
    }

    @Test
    void anOperatorThatSaysItEvaluatesIntoArraysOverridesTheMethodsThatDoIt() {
        Operator op = operatorUnderTest();
        checkClaimOfEvaluatingInto(op, "the operator", op.isLinear());
        if (op.isLinear()) {
            // The adjoint's adjoint is the operator again, whose applyAdjointInto is checked above.
            checkClaimOfEvaluatingInto(op.adjoint(), "its adjoint", false);
        } else if (op.linearize(point(rng())).derivative().evaluatesInto()) {
            for (String method : new String[] {"applyDerivativeInto", "applyAdjointInto"}) {
                assertThat(declaringClassBelowOperator(op.getClass(), method))
                        .as("%s says derivativeEvaluatesInto() but does not override %s(double[], double[]); %s",
                                op.getClass().getName(), method, context(op))
                        .isNotNull();
            }
        }
    }

    /**
     * {@code evaluatesInto()} promises that {@code evaluateInto} (and, when linear, {@code
     * applyAdjointInto}) write straight into the caller's array; Operator's defaults allocate a
     * fresh result and copy it, so a class that claims the promise must declare its own (itself or
     * in a superclass below Operator). Checked on the declared methods, by reflection: results
     * alone cannot tell a copy from a direct write.
     *
     * @param adjointHalf whether {@code applyAdjointInto} must be overridden too
     */
    private void checkClaimOfEvaluatingInto(Operator f, String what, boolean adjointHalf) {
        if (!f.evaluatesInto()) {
            return;
        }
        assertThat(declaringClassBelowOperator(f.getClass(), "evaluateInto"))
                .as("%s (%s) says evaluatesInto() but does not override evaluateInto(double[], double[]); %s",
                        what, f.getClass().getName(), context(operatorUnderTest()))
                .isNotNull();
        if (adjointHalf) {
            assertThat(declaringClassBelowOperator(f.getClass(), "applyAdjointInto"))
                    .as("%s (%s) is linear and says evaluatesInto() but does not override"
                            + " applyAdjointInto(double[], double[]), so its adjoint copies; %s",
                            what, f.getClass().getName(), context(operatorUnderTest()))
                    .isNotNull();
        }
    }

    /** @return the first class from {@code c} up to, not including, Operator that declares the method, or null */
    private static Class<?> declaringClassBelowOperator(Class<?> c, String method) {
        for (Class<?> k = c; k != null && k != Operator.class; k = k.getSuperclass()) {
            try {
                k.getDeclaredMethod(method, double[].class, double[].class);
                return k;
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return null;
    }

    /**
     * {@code f.applyInto} into an array full of NaN payloads leaves its argument and equals {@code
     * f.apply} bit for bit; then, as a worker does with an operator that evaluatesInto(), the
     * same two arrays again, the argument's entries now {@code next}'s.
     */
    private void checkApplyInto(Operator f, String what, double[] x, double[] next) {
        Operator op = operatorUnderTest();
        double[] copy = x.clone();
        double[] expected = f.apply(x);
        double[] out = new double[f.codomain().realSize()];
        Arrays.fill(out, Double.longBitsToDouble(0x7ff8_dead_beef_0001L));
        f.applyInto(x, out);
        assertThat(x).as("argument of %s was modified; %s", what, context(op)).isEqualTo(copy);
        assertThat(bits(out)).as("%s differs from apply, bit for bit; %s", what, context(op)).isEqualTo(bits(expected));
        System.arraycopy(next, 0, x, 0, x.length);
        f.applyInto(x, out);
        assertThat(bits(out)).as("%s on a reused argument array gave a result other than apply of a fresh one; %s", what,
                context(op)).isEqualTo(bits(f.apply(next)));
    }

    @Test
    void applyIntoRefusesABadOutputArrayNamingBothLengthsAndTheOperator() {
        Operator op = operatorUnderTest();
        double[] x = point(rng());
        int m = op.codomain().realSize();
        for (int wrong : new int[] {m + 1, m - 1}) {
            assertThatThrownBy(() -> op.applyInto(x, new double[wrong])).as("output of length %d; %s", wrong, context(op))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("output array has length " + wrong).hasMessageContaining("needs " + m)
                    .hasMessageContaining(op.toString());
        }
        assertThatThrownBy(() -> op.applyInto(x, null)).as("null output; %s", context(op))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output array is null");
        if (op.domain().realSize() == m) {
            assertThatThrownBy(() -> op.applyInto(x, x)).as("the argument as output; %s", context(op))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument itself");
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = Double.doubleToRawLongBits(v[k]);
        }
        return b;
    }

    @Test
    void linearizeDoesNotModifyItsArgumentAndAgreesWithApply() {
        Operator op = operatorUnderTest();
        double[] x = point(rng());
        double[] copy = x.clone();
        double[] y = op.apply(x);
        Linearization lin = op.linearize(x);
        assertThat(x).as("argument of linearize was modified; %s", context(op)).isEqualTo(copy);
        assertThat(lin.value()).as("linearize(x).value() differs from apply(x); %s", context(op))
                .containsExactly(y, offset(0.0));
        assertThat(lin.derivative().domain()).as(context(op)).isEqualTo(op.domain());
        assertThat(lin.derivative().codomain()).as(context(op)).isEqualTo(op.codomain());
        assertThat(lin.derivative().isLinear()).as("derivative must be linear; %s", context(op)).isTrue();
    }

    @Test
    void derivativeAndItsAdjointDoNotModifyTheirArguments() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        Operator d = op.linearize(point(rng)).derivative();
        double[] h = op.domain().randn(rng);
        double[] hCopy = h.clone();
        double[] dh = d.apply(h);
        assertThat(h).as("argument of the derivative was modified; %s", context(op)).isEqualTo(hCopy);
        assertThat(dh).as("derivative returned its argument; %s", context(op)).isNotSameAs(h);
        assertThat(d.apply(h)).as("derivative returned the same array twice; %s", context(op)).isNotSameAs(dh);
        double[] y = op.codomain().randn(rng);
        double[] yCopy = y.clone();
        double[] back = d.adjoint().apply(y);
        assertThat(y).as("argument of the derivative's adjoint was modified; %s", context(op)).isEqualTo(yCopy);
        assertThat(back).as("derivative's adjoint returned its argument; %s", context(op)).isNotSameAs(y);
        assertThat(d.adjoint().apply(y)).as("derivative's adjoint returned the same array twice; %s", context(op))
                .isNotSameAs(back);
    }

    @Test
    void derivativeKeepsNoReferenceToTheCallersArrays() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        double[] x = point(rng);
        double[] h = op.domain().randn(rng);
        double[] y = op.codomain().randn(rng);
        Linearization reference = op.linearize(x.clone());
        double[] expectedDh = reference.derivative().apply(h);
        double[] expectedBack = reference.derivative().adjoint().apply(y);
        Linearization lin = op.linearize(x);
        Arrays.fill(x, 1e3);
        Arrays.fill(lin.value(), 1e3);
        assertThat(lin.derivative().apply(h)).as("derivative changed when the caller overwrote x or F(x); %s",
                context(op)).containsExactly(expectedDh, offset(0.0));
        assertThat(lin.derivative().adjoint().apply(y)).as("derivative's adjoint changed when the caller overwrote x"
                + " or F(x); %s", context(op)).containsExactly(expectedBack, offset(0.0));
    }

    @Test
    void adjointDoesNotModifyItsArgumentWhenLinear() {
        Operator op = operatorUnderTest();
        if (!op.isLinear()) {
            assertThatThrownBy(op::adjoint).as(context(op)).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        double[] y = op.codomain().randn(rng());
        double[] copy = y.clone();
        double[] x = op.adjoint().apply(y);
        assertThat(y).as("argument of the adjoint was modified; %s", context(op)).isEqualTo(copy);
        assertThat(x).as("adjoint returned its argument; %s", context(op)).isNotSameAs(y);
    }

    @Test
    void adjointPassesTheAdjointTestWhenLinearAndIsRefusedOtherwise() {
        Operator op = operatorUnderTest();
        if (!op.isLinear()) {
            assertThatThrownBy(op::adjoint).as("adjoint() of a nonlinear operator; %s", context(op))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        AdjointCheckResult result = AdjointCheck.run(op, rng(), adjointTolerance());
        assertThat(result.passed()).as("seed %d%n%s", seed(), result).isTrue();
        double[] x = point(rng());
        double[] twice = op.adjoint().adjoint().apply(x);
        assertThat(Vectors.relativeMaxDifference(twice, op.apply(x)))
                .as("the adjoint of the adjoint differs from the operator; %s", context(op))
                .isLessThanOrEqualTo(adjointTolerance());
    }

    @Test
    void derivativePassesTheTaylorTest() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        double[] x = point(rng);
        double[] h = direction(rng);
        TaylorCheckResult result = TaylorCheck.run(op, x, h, taylorRelativeAccuracy());
        assertThat(result.passed()).as("seed %d%n%s", seed(), result).isTrue();
    }

    @Test
    void derivativePassesTheAdjointTest() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        AdjointCheckResult result = AdjointCheck.ofDerivative(op, point(rng), rng, adjointTolerance());
        assertThat(result.passed()).as("seed %d%n%s", seed(), result).isTrue();
    }

    @Test
    void derivativeIsLinear() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        Operator d = op.linearize(point(rng)).derivative();
        LinearityCheckResult result = LinearityCheck.run(d, rng, linearityTolerance());
        assertThat(result.passed()).as("seed %d%n%s", seed(), result).isTrue();
    }

    @Test
    void operatorIsLinearWhenItSaysSo() {
        Operator op = operatorUnderTest();
        // A nonlinear operator has no linearity to check; its derivative's is checked above.
        assumeTrue(op.isLinear(), "the operator is nonlinear");
        LinearityCheckResult result = LinearityCheck.run(op, rng(), linearityTolerance());
        assertThat(result.passed()).as("seed %d%n%s", seed(), result).isTrue();
    }

    @Test
    void staleDerivativeIsRefusedNamingTheOperator() {
        Operator op = operatorUnderTest();
        Random rng = rng();
        double[] x = point(rng);
        Linearization lin = op.linearize(x);
        double[] h = op.domain().randn(rng);
        double[] before = lin.derivative().apply(h);
        op.apply(x);
        if (op.isLinear()) {
            assertThat(lin.derivative().apply(h)).as("derivative of a linear operator after apply; %s", context(op))
                    .containsExactly(before, offset(0.0));
            return;
        }
        Throwable thrown = catchThrowable(() -> lin.derivative().apply(h));
        assertThat(thrown).as("stale derivative; %s", context(op)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(op.toString());
        Throwable thrownAdjoint = catchThrowable(() -> lin.derivative().adjoint().apply(op.codomain().zeros()));
        assertThat(thrownAdjoint).as("adjoint of a stale derivative; %s", context(op))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(op.toString());
    }

    @Test
    void wrongLengthArgumentIsRefusedNamingBothLengthsAndTheOperator() {
        Operator op = operatorUnderTest();
        int n = op.domain().realSize();
        for (int wrong : new int[] {n + 1, n - 1}) {
            double[] x = new double[wrong];
            assertThatThrownBy(() -> op.apply(x)).as("apply with length %d; %s", wrong, context(op))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("length " + wrong).hasMessageContaining("needs " + n)
                    .hasMessageContaining(op.toString());
            assertThatThrownBy(() -> op.linearize(x)).as("linearize with length %d; %s", wrong, context(op))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("length " + wrong).hasMessageContaining("needs " + n);
        }
        Operator d = op.linearize(point(rng())).derivative();
        double[] h = new double[n + 1];
        assertThatThrownBy(() -> d.apply(h)).as("derivative with length %d; %s", n + 1, context(op))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length " + (n + 1)).hasMessageContaining("needs " + n);
        int m = op.codomain().realSize();
        double[] y = new double[m + 1];
        assertThatThrownBy(() -> d.adjoint().apply(y)).as("derivative's adjoint with length %d; %s", m + 1, context(op))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length " + (m + 1)).hasMessageContaining("needs " + m);
    }

    @Test
    void nullArgumentIsRefusedWithAMessage() {
        Operator op = operatorUnderTest();
        assertThatThrownBy(() -> op.apply(null)).as(context(op)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null").hasMessageContaining(op.toString());
        assertThatThrownBy(() -> op.linearize(null)).as(context(op)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
