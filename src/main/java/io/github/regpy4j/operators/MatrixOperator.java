package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import org.ejml.data.DMatrixRMaj;

/**
 * Multiplication {@code x ↦ A x} by a real dense matrix {@code A ∈ ℝ^{m×n}}, an EJML {@link
 * DMatrixRMaj}. Port of regpy's {@code regpy.operators.MatrixMultiplication} for real matrices.
 *
 * <p>Linear, with adjoint {@code y ↦ Aᵀ y}. The operator holds its own copy of the matrix, a plain
 * field that serializers (Kryo) copy as it is.
 *
 * @see ComplexMatrixOperator for complex matrices
 */
public final class MatrixOperator extends Operator {

    private final DMatrixRMaj matrix;

    /**
     * {@code A: ℝⁿ → ℝᵐ} between {@code VectorSpace.real(n)} and {@code VectorSpace.real(m)}.
     *
     * @param matrix {@code A}, {@code m × n}. Not modified (copied).
     * @throws IllegalArgumentException if the matrix is null or empty
     */
    public MatrixOperator(DMatrixRMaj matrix) {
        this(requireMatrix(matrix), VectorSpace.real(matrix.numCols), VectorSpace.real(matrix.numRows));
    }

    /**
     * {@code A: X → Y} between real spaces of any shape, their elements taken as flat vectors.
     *
     * @param matrix {@code A}, {@code m × n}. Not modified (copied).
     * @param domain {@code X}, real, with {@code n} entries
     * @param codomain {@code Y}, real, with {@code m} entries
     * @throws IllegalArgumentException if a space is not real or its size does not fit the matrix
     */
    public MatrixOperator(DMatrixRMaj matrix, VectorSpace domain, VectorSpace codomain) {
        super(checkSpace(domain, requireMatrix(matrix).numCols, "domain", "column", matrix),
                checkSpace(codomain, matrix.numRows, "codomain", "row", matrix), true);
        this.matrix = matrix.copy();
    }

    private static DMatrixRMaj requireMatrix(DMatrixRMaj matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("MatrixOperator needs a matrix but got null");
        }
        if (matrix.numRows < 1 || matrix.numCols < 1) {
            throw new IllegalArgumentException("MatrixOperator needs at least one row and one column but the matrix is "
                    + matrix.numRows + "×" + matrix.numCols);
        }
        return matrix;
    }

    private static VectorSpace checkSpace(VectorSpace space, int n, String role, String what, DMatrixRMaj m) {
        Layouts.requireNonNull(space, "the " + role, "MatrixOperator");
        if (!Layouts.isAllReal(space) || space.size() != n) {
            throw new IllegalArgumentException("a " + m.numRows + "×" + m.numCols + " MatrixOperator needs a real "
                    + role + " of " + n + " entries (one per " + what + ") but got "
                    + space);
        }
        return space;
    }

    /** @return a copy of {@code A} */
    public DMatrixRMaj matrix() {
        return matrix.copy();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        double[] y = new double[matrix.numRows];
        evaluateInto(x, y);
        return y;
    }

    /** @return {@code true}: the product is written row by row into the output array */
    @Override
    public boolean evaluatesInto() {
        return true;
    }

    @Override
    protected void evaluateInto(double[] x, double[] y) {
        int m = matrix.numRows, n = matrix.numCols;
        double[] a = matrix.data;
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += a[row + j] * x[j];
            }
            y[i] = s;
        }
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        double[] x = new double[matrix.numCols];
        applyAdjointInto(y, x);
        return x;
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] x) {
        int m = matrix.numRows, n = matrix.numCols;
        double[] a = matrix.data;
        java.util.Arrays.fill(x, 0.0);
        for (int i = 0; i < m; i++) {
            double yi = y[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                x[j] += a[row + j] * yi;
            }
        }
    }

    @Override
    public String toString() {
        return "MatrixOperator[" + matrix.numRows + "×" + matrix.numCols + ": " + domain() + " → " + codomain() + "]";
    }
}
