package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.scattering.ScatteringProblem;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import java.util.List;
import java.util.Locale;

/**
 * How steady this machine is: one JVM, one thread, the same work over and over (the derivative of
 * one block of the scattering example, 8 Lippmann–Schwinger solves), and its mean time per call
 * in each half second. Run it a few times, alone and beside a copy of itself. On the 2-core
 * development machine the same call took 6 ms in one JVM and 11 ms in the next, and sometimes
 * changed from one to the other within a run, with nothing else running: a single run of any
 * benchmark there can be off by that much, which is why every figure in BENCHMARKS.md is a ratio
 * against a baseline measured in alternation, in the same minutes.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.MachineNoiseProbe \
 *     -Dexec.programArgs="8"
 * </pre>
 * Argument: how many half seconds to measure (after 300 warm-up calls).
 */
public final class MachineNoiseProbe {

    private MachineNoiseProbe() {}

    /** @param args half seconds to measure */
    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        ScatteringProblem problem = new ScatteringProblem(64, 16, 2);
        Operator block = new VectorOfOperators(List.of(problem.parts().get(0)));
        double[] x = problem.exactContrast();
        Operator derivative = block.linearize(x).derivative();
        for (int i = 0; i < 300; i++) {
            derivative.apply(x);
        }
        StringBuilder line = new StringBuilder("ms per call, each half second:");
        for (int s = 0; s < slices; s++) {
            int calls = 0;
            long start = System.nanoTime();
            long end = start + 500_000_000L;
            while (System.nanoTime() < end) {
                derivative.apply(x);
                calls++;
            }
            line.append(String.format(Locale.ROOT, " %.1f", (System.nanoTime() - start) / 1e6 / calls));
        }
        System.out.println(line);
    }
}
