package io.github.regpy4j.testing;

import io.github.regpy4j.operators.ComplexMatrixOperator;
import io.github.regpy4j.operators.MatrixOperator;
import io.github.regpy4j.operators.Operator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;

/**
 * jqwik {@link Arbitrary}s of linear operators (EJML-backed matrices), whose entries shrink towards
 * 0 and whose shapes shrink towards 1×1, so a failing algebraic law is reported on a small matrix.
 */
public final class OperatorArbitraries {

    private OperatorArbitraries() {
    }

    /**
     * @param rows the number of rows, ≥ 1
     * @param cols the number of columns, ≥ 1
     * @param complex whether the matrix is complex ({@link ComplexMatrixOperator}) or real ({@link
     *     MatrixOperator})
     * @return matrices of that shape, entries (real and imaginary parts) in [−1, 1]
     */
    public static Arbitrary<Operator> matrices(int rows, int cols, boolean complex) {
        int values = rows * cols * (complex ? 2 : 1);
        return Arbitraries.doubles().between(-1, 1).ofScale(6).array(double[].class).ofSize(values)
                .map(data -> complex ? complexMatrix(rows, cols, data) : realMatrix(rows, cols, data));
    }

    /**
     * @param maxSide the largest number of rows and of columns, ≥ 1
     * @return real and complex matrices of any shape up to {@code maxSide}×{@code maxSide}
     */
    public static Arbitrary<Operator> anyMatrices(int maxSide) {
        return Combinators.combine(Arbitraries.integers().between(1, maxSide), Arbitraries.integers().between(1, maxSide),
                Arbitraries.of(false, true)).flatAs(OperatorArbitraries::matrices);
    }

    private static Operator realMatrix(int rows, int cols, double[] data) {
        return new MatrixOperator(new DMatrixRMaj(rows, cols, true, data));
    }

    private static Operator complexMatrix(int rows, int cols, double[] data) {
        ZMatrixRMaj z = new ZMatrixRMaj(rows, cols);
        System.arraycopy(data, 0, z.data, 0, data.length);
        return new ComplexMatrixOperator(z);
    }
}
