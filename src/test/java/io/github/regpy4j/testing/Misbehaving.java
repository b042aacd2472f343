package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * An identity on {@code ℝⁿ} that misbehaves when the first entry of its argument is a trigger
 * code: the ways a user's operator can break a worker, provoked for real.
 */
public final class Misbehaving extends Operator {

    /** What the operator does when {@code x[0]} equals the code. */
    public enum Trigger {
        THROW(-1), EXIT(-2), HALT(-3), SLEEP(-4), PRINT(-5), RAW_STDOUT(-6), OOM(-7), STACK_OVERFLOW(-8),
        SUBPROCESS(-9), NESTED_CAUSE(-10), PRINT_MEGABYTES(-11);

        public final double code;

        Trigger(double code) {
            this.code = code;
        }

        /** @return an argument for an operator on {@code ℝⁿ} that pulls this trigger */
        public double[] argument(int n) {
            double[] x = new double[n];
            x[0] = code;
            return x;
        }
    }

    public Misbehaving(int n) {
        super(VectorSpace.real(n), VectorSpace.real(n), true);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        if (x[0] == Trigger.THROW.code) {
            throw new ArithmeticException("asked to throw");
        } else if (x[0] == Trigger.NESTED_CAUSE.code) {
            throw new IllegalStateException("outer", new java.io.UncheckedIOException(new IOException("inner cause")));
        } else if (x[0] == Trigger.EXIT.code) {
            System.exit(3);
        } else if (x[0] == Trigger.HALT.code) {
            Runtime.getRuntime().halt(4);
        } else if (x[0] == Trigger.SLEEP.code) {
            sleep(x.length > 1 && x[1] > 0 ? (long) x[1] : 600_000);
        } else if (x[0] == Trigger.PRINT.code) {
            for (int i = 0; i < 10_000; i++) {
                System.out.println("line " + i + " printed by an operator to System.out");
            }
        } else if (x[0] == Trigger.PRINT_MEGABYTES.code) {
            String line = "x".repeat(1023);
            for (int i = 0; i < 4096; i++) {
                System.out.println(line);
                System.err.println(line);
            }
        } else if (x[0] == Trigger.RAW_STDOUT.code) {
            try {
                FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                raw.write("native code says hello on fd 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                raw.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else if (x[0] == Trigger.OOM.code) {
            java.util.List<long[]> hog = new java.util.ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        } else if (x[0] == Trigger.STACK_OVERFLOW.code) {
            return recurse(x, 0);
        } else if (x[0] == Trigger.SUBPROCESS.code) {
            try {
                new ProcessBuilder("sleep", "600").start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sleep(600_000);
        }
        return x.clone();
    }

    private static double[] recurse(double[] x, int depth) {
        double[] y = recurse(x, depth + 1);
        y[0] += depth;
        return y;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return y.clone();
    }
}
