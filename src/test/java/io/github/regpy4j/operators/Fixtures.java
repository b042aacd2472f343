package io.github.regpy4j.operators;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;

/** Seeded random matrices and points for operator tests. */
final class Fixtures {

    private Fixtures() {}

    static DMatrixRMaj realMatrix(int rows, int cols, Random rng) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            a.data[k] = rng.nextGaussian();
        }
        return a;
    }

    static ZMatrixRMaj complexMatrix(int rows, int cols, Random rng) {
        ZMatrixRMaj a = new ZMatrixRMaj(rows, cols);
        for (int k = 0; k < 2 * rows * cols; k++) {
            a.data[k] = rng.nextGaussian();
        }
        return a;
    }

    static MatrixOperator matrix(int rows, int cols, long seed) {
        return new MatrixOperator(realMatrix(rows, cols, new Random(seed)));
    }

    static ComplexMatrixOperator complexMatrix(int rows, int cols, long seed) {
        return new ComplexMatrixOperator(complexMatrix(rows, cols, new Random(seed)));
    }

    static double[] gaussian(int n, Random rng) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = rng.nextGaussian();
        }
        return x;
    }

    /** Entries in [1, 3): safe for fractional powers and x + t·h with |t·h| small. */
    static double[] positive(int n, Random rng) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = 1 + 2 * rng.nextDouble();
        }
        return x;
    }
}
