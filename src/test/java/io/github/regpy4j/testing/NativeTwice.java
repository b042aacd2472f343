package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * x ↦ 2x computed by a tiny JNI library that the test builds with gcc: an operator whose class
 * loads native code, as a user's wrapper of a C or Fortran solver would. The library is loaded
 * once per class (a static flag), from the path the operator carries.
 */
public final class NativeTwice extends Operator {

    /** What the library exports, {@code Java_io_github_regpy4j_testing_NativeTwice_twice}. */
    public static final String C_SOURCE = """
            #include <jni.h>
            JNIEXPORT jdouble JNICALL Java_io_github_regpy4j_testing_NativeTwice_twice(JNIEnv *env, jclass c, jdouble x) {
                return 2.0 * x;
            }
            """;

    private static boolean loaded;
    private final String library;

    /**
     * @param n the dimension
     * @param library the absolute path of the built library
     */
    public NativeTwice(int n, String library) {
        super(VectorSpace.real(n), VectorSpace.real(n), true);
        this.library = library;
    }

    private static native double twice(double x);

    private static synchronized void load(String library) {
        if (!loaded) {
            System.load(library);
            loaded = true;
        }
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        load(library);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = twice(x[i]);
        }
        return y;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return evaluate(y, false);
    }
}
