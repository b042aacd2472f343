package io.github.regpy4j.diagnostics;

import io.github.regpy4j.operators.Operator;
import java.util.Locale;
import java.util.Random;

/** Argument checks and number formatting shared by the checks. */
final class Checks {

    private Checks() {}

    static Operator requireOperator(Operator op, String check) {
        if (op == null) {
            throw new IllegalArgumentException(check + " needs an operator but got null");
        }
        return op;
    }

    static Random requireRandom(Random rng, String check) {
        if (rng == null) {
            throw new IllegalArgumentException(check + " needs a seeded java.util.Random but got null");
        }
        return rng;
    }

    static double requireTolerance(double tolerance, String check) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException(check + " needs a finite tolerance ≥ 0 but got " + tolerance);
        }
        return tolerance;
    }

    static double requireScalar(double s, String name, String check) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException(check + " needs a finite " + name + " but got " + s);
        }
        return s;
    }

    /** {@code |a − b| / scale}, 0 when {@code a == b}, infinite when only the scale is 0, NaN when anything is. */
    static double relative(double difference, double scale) {
        if (Double.isNaN(difference) || Double.isNaN(scale)) {
            return Double.NaN;
        }
        if (difference == 0) {
            return 0;
        }
        return scale == 0 ? Double.POSITIVE_INFINITY : difference / scale;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    static String shortNum(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String order(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String verdict(boolean passed) {
        return passed ? "PASSED" : "FAILED";
    }
}
