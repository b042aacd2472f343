package io.github.regpy4j.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;
import java.util.Random;
import org.ejml.data.Complex_F64;
import org.ejml.data.ZMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Our interleaved complex vectors are EJML's {@link ZMatrixRMaj} column vectors, entry for entry. */
class ComplexLayoutTest {

    private static final double RELATIVE_TOLERANCE = 1e-14;
    /** Round trip through exp, log and atan2 of order-1 numbers. */
    private static final double POLAR_TOLERANCE = 1e-14;
    private static final int N = 6;

    private static ZMatrixRMaj column(double[] z) {
        ZMatrixRMaj v = new ZMatrixRMaj(z.length / 2, 1);
        System.arraycopy(z, 0, v.data, 0, z.length);
        return v;
    }

    @Test
    void realAndImaginaryPartsReadEjmlsEntries() {
        double[] z = VectorSpace.complex(N).randn(new Random(101));
        ZMatrixRMaj v = column(z);
        double[] re = new RealPart(VectorSpace.complex(N)).apply(z);
        double[] im = new ImaginaryPart(VectorSpace.complex(N)).apply(z);
        for (int k = 0; k < N; k++) {
            assertThat(re[k]).isEqualTo(v.getReal(k, 0));
            assertThat(im[k]).isEqualTo(v.getImag(k, 0));
        }
    }

    @Test
    void pointwiseMultiplicationIsMultiplicationByTheDiagonalMatrix() {
        Random rng = new Random(102);
        double[] w = Fixtures.gaussian(2 * N, rng);
        ZMatrixRMaj diag = new ZMatrixRMaj(N, N);
        for (int k = 0; k < N; k++) {
            diag.set(k, k, w[2 * k], w[2 * k + 1]);
        }
        double[] z = VectorSpace.complex(N).randn(rng);
        double[] viaWeights = PointwiseMultiplication.complex(VectorSpace.complex(N), w).apply(z);
        double[] viaMatrix = new ComplexMatrixOperator(diag).apply(z);
        assertThat(Vectors.relativeMaxDifference(viaWeights, viaMatrix)).isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        double[] y = VectorSpace.complex(N).randn(rng);
        assertThat(Vectors.relativeMaxDifference(PointwiseMultiplication.complex(VectorSpace.complex(N), w).adjoint().apply(y),
                new ComplexMatrixOperator(diag).adjoint().apply(y))).isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Test
    void squaredModulusIsEjmlsMagnitudeSquared() {
        double[] z = VectorSpace.complex(N).randn(new Random(103));
        double[] m = new SquaredModulus(VectorSpace.complex(N)).apply(z);
        for (int k = 0; k < N; k++) {
            Complex_F64 c = new Complex_F64(z[2 * k], z[2 * k + 1]);
            assertThat(m[k]).isEqualTo(c.getMagnitude2());
        }
    }

    @Test
    void complexExponentialAgreesWithPolarForm() {
        double[] z = VectorSpace.complex(N).randn(new Random(104));
        double[] e = new Exponential(VectorSpace.complex(N)).apply(z);
        for (int k = 0; k < N; k++) {
            Complex_F64 c = new Complex_F64(e[2 * k], e[2 * k + 1]);
            assertThat(Math.log(c.getMagnitude())).isCloseTo(z[2 * k], org.assertj.core.data.Offset.offset(POLAR_TOLERANCE));
            assertThat(Math.atan2(c.imaginary, c.real)).isCloseTo(Math.IEEEremainder(z[2 * k + 1], 2 * Math.PI),
                    org.assertj.core.data.Offset.offset(POLAR_TOLERANCE));
        }
    }
}
