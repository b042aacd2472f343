package io.github.regpy4j.examples;

import io.github.regpy4j.diagnostics.AdjointCheck;
import io.github.regpy4j.diagnostics.AdjointCheckResult;
import io.github.regpy4j.diagnostics.LinearityCheck;
import io.github.regpy4j.diagnostics.LinearityCheckResult;
import io.github.regpy4j.diagnostics.TaylorCheck;
import io.github.regpy4j.diagnostics.TaylorCheckResult;
import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Builds the nonlinear operator {@code F(x) = exp(A x)} from a random {@code 8 × 5} matrix,
 * linearizes it, and runs the diagnostics on it: the adjoint test of the derivative {@code F'(x)},
 * the Taylor test of the derivative, and the linearity test of the derivative. Prints each
 * verdict with its figures; exits with status 1 if one fails.
 *
 * <pre>
 *   ./mvnw -q -B -o test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.examples.DiagnosticsExample
 * </pre>
 */
public final class DiagnosticsExample {

    private static final long SEED = 20261126L;

    private DiagnosticsExample() {}

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Random rng = new Random(SEED);
        DMatrixRMaj a = new DMatrixRMaj(8, 5);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = rng.nextGaussian() / Math.sqrt(5);
        }
        Operator f = new MatrixOperator(a).andThen(new Exponential(VectorSpace.real(8)));
        double[] x = f.domain().randn(rng);

        Linearization lin = f.linearize(x);
        System.out.println("F = " + f);
        System.out.println("F(x) has norm " + f.codomain().norm(lin.value()) + "; derivative " + lin.derivative());
        System.out.println();

        AdjointCheckResult adjoint = AdjointCheck.run(lin.derivative(), rng, AdjointCheck.DEFAULT_TOLERANCE);
        System.out.println(adjoint);
        System.out.println();

        LinearityCheckResult linearity = LinearityCheck.run(lin.derivative(), rng);
        System.out.println(linearity);
        System.out.println();

        // The Taylor test evaluates F again, which revokes lin.derivative(): it runs last.
        TaylorCheckResult taylor = TaylorCheck.run(f, x, rng);
        System.out.println(taylor);
        System.out.println();

        boolean ok = adjoint.passed() && linearity.passed() && taylor.passed();
        System.out.println(ok ? "all diagnostics passed" : "a diagnostic FAILED");
        if (!ok) {
            System.exit(1);
        }
    }
}
