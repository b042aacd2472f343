package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * An identity on {@code ℝⁿ} that misbehaves when the first entry of its argument is a trigger
 * code: the ways a user's operator can break a worker, provoked for real.
 *
 * <p>The {@code …_LATER} triggers return normally at once and leave a thread behind that
 * misbehaves {@code x[1]} milliseconds later, while the worker is idle. The marked subprocess
 * triggers start {@code sleep 600.<x[1]>}, so a test can find the grandchild by its command line
 * even after it was re-parented.
 */
public final class Misbehaving extends Operator {

    /** What the operator does when {@code x[0]} equals the code. */
    public enum Trigger {
        THROW(-1), EXIT(-2), HALT(-3), SLEEP(-4), PRINT(-5), RAW_STDOUT(-6), OOM(-7), STACK_OVERFLOW(-8),
        SUBPROCESS(-9), NESTED_CAUSE(-10), PRINT_MEGABYTES(-11),
        /** Starts {@code sleep 600.<x[1]>}, then sleeps itself. */
        SUBPROCESS_MARKED(-12),
        /** Starts {@code sleep 600.<x[1]>} and returns: the grandchild outlives the call. */
        SUBPROCESS_MARKED_RETURN(-13),
        EXIT_LATER(-14), HALT_LATER(-15), RAW_STDOUT_LATER(-16), PRINT_MEGABYTES_LATER(-17),
        /** A thread fills the heap and keeps it: the worker runs out of memory while idle. */
        LEAK_HEAP_LATER(-18);

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

        /** @return an argument for an operator on {@code ℝⁿ}, n ≥ 2, that pulls this trigger with {@code x[1] = parameter} */
        public double[] argument(int n, double parameter) {
            double[] x = argument(n);
            x[1] = parameter;
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
        } else if (x[0] == Trigger.SUBPROCESS_MARKED.code || x[0] == Trigger.SUBPROCESS_MARKED_RETURN.code) {
            try {
                new ProcessBuilder("sleep", markedSleep((long) x[1])).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (x[0] == Trigger.SUBPROCESS_MARKED.code) {
                sleep(600_000);
            }
        } else if (x[0] == Trigger.EXIT_LATER.code) {
            later((long) x[1], () -> System.exit(3));
        } else if (x[0] == Trigger.HALT_LATER.code) {
            later((long) x[1], () -> Runtime.getRuntime().halt(4));
        } else if (x[0] == Trigger.RAW_STDOUT_LATER.code) {
            later((long) x[1], () -> {
                try {
                    FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                    raw.write("a stray thread says hello on fd 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    raw.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } else if (x[0] == Trigger.PRINT_MEGABYTES_LATER.code) {
            later((long) x[1], () -> {
                String line = "y".repeat(1023);
                for (int i = 0; i < 4096; i++) {
                    System.out.println(line);
                    System.err.println(line);
                }
            });
        } else if (x[0] == Trigger.LEAK_HEAP_LATER.code) {
            later((long) x[1], () -> {
                // Smaller and smaller pieces until not even one long fits; keep them all.
                for (int piece = 1 << 14; piece > 0; piece /= 2) {
                    try {
                        while (true) {
                            LEAKED.add(new long[piece]);
                        }
                    } catch (OutOfMemoryError e) {
                        // Go on with smaller pieces.
                    }
                }
                sleep(Long.MAX_VALUE);
            });
        }
        return x.clone();
    }

    /** What the leaking thread keeps: static, so it outlives every call. */
    private static final java.util.List<long[]> LEAKED = new java.util.ArrayList<>(1 << 16);

    /** @return the argument of {@code sleep} for the marked subprocess with this tag, e.g. {@code 600.123} */
    public static String markedSleep(long tag) {
        return "600." + tag;
    }

    private static void later(long millis, Runnable action) {
        Thread t = new Thread(() -> {
            sleep(millis);
            action.run();
        }, "misbehaving-later");
        t.setDaemon(true);
        t.start();
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
