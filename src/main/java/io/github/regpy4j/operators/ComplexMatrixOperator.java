package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;
import org.ejml.data.ZMatrixRMaj;

/**
 * Multiplication {@code z ↦ A z} by a complex dense matrix {@code A ∈ ℂ^{m×n}}, an EJML {@link
 * ZMatrixRMaj}. Port of regpy's {@code regpy.operators.MatrixMultiplication} for complex
 * matrices.
 *
 * <p>Linear, with adjoint {@code y ↦ Aᴴ y} (conjugate transpose), which is the adjoint for the
 * real inner product {@code Re⟨·,·⟩} too. The matrix and the vectors share one layout,
 * interleaved and row-major:
 *
 * <pre>
 *   A.data = [ re A₀₀, im A₀₀, re A₀₁, im A₀₁, …, re A₁₀, … ]   (entry (i, j) at 2·(i·n + j))
 *   z      = [ re z₀,  im z₀,  re z₁,  im z₁,  … ]
 * </pre>
 *
 * <p>The operator holds its own copy of the matrix, a plain field that serializers (Kryo) copy as
 * it is.
 *
 * @see MatrixOperator for real matrices
 */
public final class ComplexMatrixOperator extends Operator {

    private final ZMatrixRMaj matrix;

    /**
     * {@code A: ℂⁿ → ℂᵐ} between {@code VectorSpace.complex(n)} and {@code VectorSpace.complex(m)}.
     *
     * @param matrix {@code A}, {@code m × n}. Not modified (copied).
     * @throws IllegalArgumentException if the matrix is null or empty
     */
    public ComplexMatrixOperator(ZMatrixRMaj matrix) {
        this(requireMatrix(matrix), VectorSpace.complex(matrix.numCols), VectorSpace.complex(matrix.numRows));
    }

    /**
     * {@code A: X → Y} between complex spaces of any shape, their elements taken as flat vectors.
     *
     * @param matrix {@code A}, {@code m × n}. Not modified (copied).
     * @param domain {@code X}, complex, with {@code n} entries
     * @param codomain {@code Y}, complex, with {@code m} entries
     * @throws IllegalArgumentException if a space is not complex or its size does not fit the matrix
     */
    public ComplexMatrixOperator(ZMatrixRMaj matrix, VectorSpace domain, VectorSpace codomain) {
        super(checkSpace(domain, requireMatrix(matrix).numCols, "domain", "column", matrix),
                checkSpace(codomain, matrix.numRows, "codomain", "row", matrix), true);
        this.matrix = matrix.copy();
    }

    private static ZMatrixRMaj requireMatrix(ZMatrixRMaj matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("ComplexMatrixOperator needs a matrix but got null");
        }
        if (matrix.numRows < 1 || matrix.numCols < 1) {
            throw new IllegalArgumentException("ComplexMatrixOperator needs at least one row and one column but the "
                    + "matrix is " + matrix.numRows + "×" + matrix.numCols);
        }
        return matrix;
    }

    private static VectorSpace checkSpace(VectorSpace space, int n, String role, String what, ZMatrixRMaj m) {
        Layouts.requireNonNull(space, "the " + role, "ComplexMatrixOperator");
        if (!space.isComplex() || space.size() != n) {
            throw new IllegalArgumentException("a " + m.numRows + "×" + m.numCols + " ComplexMatrixOperator needs a "
                    + "complex " + role + " of " + n + " entries (one per " + what + ") but got " + space);
        }
        return space;
    }

    /** @return a copy of {@code A} */
    public ZMatrixRMaj matrix() {
        return matrix.copy();
    }

    @Override
    protected double[] evaluate(double[] z, boolean differentiate) {
        int m = matrix.numRows, n = matrix.numCols;
        double[] a = matrix.data;
        double[] y = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double re = 0, im = 0;
            int row = 2 * i * n;
            for (int j = 0; j < n; j++) {
                double ar = a[row + 2 * j], ai = a[row + 2 * j + 1];
                double zr = z[2 * j], zi = z[2 * j + 1];
                re += ar * zr - ai * zi;
                im += ar * zi + ai * zr;
            }
            y[2 * i] = re;
            y[2 * i + 1] = im;
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        int m = matrix.numRows, n = matrix.numCols;
        double[] a = matrix.data;
        double[] z = new double[2 * n];
        for (int i = 0; i < m; i++) {
            double yr = y[2 * i], yi = y[2 * i + 1];
            int row = 2 * i * n;
            for (int j = 0; j < n; j++) {
                // conj(A_ij)·y_i
                double ar = a[row + 2 * j], ai = -a[row + 2 * j + 1];
                z[2 * j] += ar * yr - ai * yi;
                z[2 * j + 1] += ar * yi + ai * yr;
            }
        }
        return z;
    }

    @Override
    public String toString() {
        return "ComplexMatrixOperator[" + matrix.numRows + "×" + matrix.numCols + ": " + domain() + " → " + codomain()
                + "]";
    }
}
