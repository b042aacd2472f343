package io.github.regpy4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.examples.scattering.Execution;
import io.github.regpy4j.examples.scattering.ScatteringFigures;
import io.github.regpy4j.examples.scattering.ScatteringProblem;
import io.github.regpy4j.examples.scattering.ScatteringReconstruction;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.Vectors;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The medium scattering example on a small case (32×32 grid, 8 incident and 8 far-field
 * directions, 2 workers): the parallel run's iterates are the sequential run's, bit for bit; the
 * discrepancy principle stops it with a small error; the data are in the order the operators
 * give; the pictures are written.
 */
class MediumScatteringExampleTest {

    private static final int SIZE = 32;
    private static final int DIRECTIONS = 8;
    private static final int WORKERS = 2;
    /**
     * The relative error of the final iterate must be below this. Noise 0.005·randn with τ = 2.1
     * leaves about 0.11 at this size (0.3 after the first step from the initial error 1).
     */
    private static final double ERROR_BOUND = 0.2;
    /** Every direction's solve is the same code on the same numbers in either JVM. */
    private static final double ORDER_TOLERANCE = 1e-13;

    @AfterEach
    void noProcessIsLeftBehind() {
        Processes.assertNoDescendants();
    }

    /** The example's default: one worker JVM, and this JVM solves the second block; two terms add up as sequentially. */
    @Test
    @Timeout(120)
    void withThisJvmsShareTheIteratesAreTheSequentialOnesBitForBit() throws Exception {
        ScatteringProblem problem = new ScatteringProblem(SIZE, DIRECTIONS, 2);
        ScatteringReconstruction.Outcome parallel;
        try (ParallelExecutionManager manager = new ParallelExecutionManager();
                ParallelVectorOfOperators forward = new ParallelVectorOfOperators(problem.parts(),
                        WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true))) {
            parallel = ScatteringReconstruction.run(problem, forward, p -> { });
            assertThat(forward.workerProcesses()).as("one worker JVM beside this JVM's block").hasSize(1);
        }
        ScatteringReconstruction.Outcome sequential = ScatteringReconstruction.run(problem, Execution.SEQUENTIAL,
                WorkerOptions.defaults(), p -> { });
        assertThat(parallel.iterates()).hasSameSizeAs(sequential.iterates());
        for (int i = 0; i < sequential.iterates().size(); i++) {
            assertThat(Arrays.equals(parallel.iterates().get(i), sequential.iterates().get(i)))
                    .as("iterate %d with this JVM's share == sequential bit for bit (largest relative difference"
                            + " %.3e), seed %d", i, Vectors.relativeMaxDifference(parallel.iterates().get(i),
                            sequential.iterates().get(i)), ScatteringProblem.SEED)
                    .isTrue();
        }
    }

    @Test
    @Timeout(120)
    void parallelIteratesAreTheSequentialOnesBitForBitAndTheErrorIsSmall() throws Exception {
        ScatteringProblem problem = new ScatteringProblem(SIZE, DIRECTIONS, WORKERS);
        ScatteringReconstruction.Outcome parallel;
        List<ProcessHandle> workers;
        try (ParallelExecutionManager manager = new ParallelExecutionManager();
                ParallelVectorOfOperators forward = new ParallelVectorOfOperators(problem.parts())) {
            parallel = ScatteringReconstruction.run(problem, forward, p -> { });
            workers = forward.workerProcesses();
            assertThat(workers).as("one child JVM per block of incident directions").hasSize(WORKERS);
            assertThat(forward.isRunning()).isTrue();
        }
        assertThat(workers).as("workers after close").noneMatch(Processes::isRunning);
        ScatteringReconstruction.Outcome sequential = ScatteringReconstruction.run(problem, Execution.SEQUENTIAL,
                WorkerOptions.defaults(), p -> { });

        String context = "seed " + ScatteringProblem.SEED + ", " + SIZE + "x" + SIZE + ", " + DIRECTIONS + " directions";
        assertThat(parallel.iterates()).as("number of iterates, %s", context).hasSameSizeAs(sequential.iterates());
        for (int i = 0; i < sequential.iterates().size(); i++) {
            // Arrays.equals on double[] compares bit patterns
            assertThat(Arrays.equals(parallel.iterates().get(i), sequential.iterates().get(i)))
                    .as("iterate %d parallel == sequential bit for bit (largest relative difference %.3e), %s", i,
                            Vectors.relativeMaxDifference(parallel.iterates().get(i), sequential.iterates().get(i)),
                            context)
                    .isTrue();
        }
        assertThat(parallel.result().stoppedBy()).as(context).isInstanceOf(Discrepancy.class);
        assertThat(parallel.result().state().residualNorm()).as(context)
                .isLessThanOrEqualTo(ScatteringReconstruction.TAU * parallel.noiseLevel());
        assertThat(parallel.result().state().iteration()).as(context).isLessThan(ScatteringReconstruction.MAX_ITERATIONS);
        assertThat(problem.relativeError(parallel.reconstruction())).as("relative error, %s", context)
                .isLessThan(ERROR_BOUND);
    }

    @Test
    @Timeout(120)
    void theWarmUpChangesNoIterate() throws Exception {
        ScatteringProblem problem = new ScatteringProblem(SIZE, DIRECTIONS, WORKERS);
        ScatteringReconstruction.Outcome cold = ScatteringReconstruction.run(problem, Execution.SEQUENTIAL,
                WorkerOptions.defaults(), 0, p -> { });
        ScatteringReconstruction.Outcome warm = ScatteringReconstruction.run(problem, Execution.PARALLEL,
                WorkerOptions.defaults(), ScatteringReconstruction.WARM_UP_ROUNDS, p -> { });
        String context = "seed " + ScatteringProblem.SEED + ", " + SIZE + "x" + SIZE + ", " + DIRECTIONS + " directions";
        assertThat(warm.iterates()).as("iterates with and without the warm-up, %s", context)
                .hasSameSizeAs(cold.iterates());
        for (int i = 0; i < cold.iterates().size(); i++) {
            assertThat(Arrays.equals(warm.iterates().get(i), cold.iterates().get(i)))
                    .as("iterate %d after %d warm-up rounds (at the exact contrast and at zero, in workers) equals"
                            + " the cold sequential one bit for bit, %s", i, ScatteringReconstruction.WARM_UP_ROUNDS,
                            context)
                    .isTrue();
        }
    }

    @Test
    @Timeout(60)
    void theSplitOperatorsGiveRegpysDataOnceReordered() throws Exception {
        ScatteringProblem problem = new ScatteringProblem(SIZE, DIRECTIONS, 3);
        Operator forward = Execution.SEQUENTIAL.forwardOperator(problem.parts(), WorkerOptions.defaults());
        double[] joined = forward.apply(problem.exactContrast());
        assertThat(Vectors.relativeMaxDifference(problem.toRegpyOrder(joined), problem.exactDataInRegpyOrder()))
                .as("3 uneven blocks, reordered, against one operator over all directions")
                .isLessThanOrEqualTo(ORDER_TOLERANCE);
        double[] noise = problem.noise();
        double[] data = problem.data();
        assertThat(Vectors.relativeMaxDifference(Vectors.subtract(data, noise), joined))
                .as("data − noise in the split order is the split operators' value, seed %d", ScatteringProblem.SEED)
                .isLessThanOrEqualTo(ORDER_TOLERANCE);
    }

    @Test
    @Timeout(60)
    void writesThePanelsAndTheConvergencePlot(@TempDir Path dir) throws Exception {
        ScatteringProblem problem = new ScatteringProblem(16, 4, 1);
        ScatteringReconstruction.Outcome outcome = ScatteringReconstruction.run(problem, Execution.SEQUENTIAL,
                WorkerOptions.defaults(), p -> { });
        List<Path> files = ScatteringFigures.write(problem, outcome, dir);
        BufferedImage panels = ImageIO.read(files.get(0).toFile());
        BufferedImage convergence = ImageIO.read(files.get(1).toFile());
        assertThat(panels.getWidth()).as("3 panels a row").isGreaterThan(panels.getHeight());
        assertThat(convergence.getWidth()).isGreaterThan(0);
    }
}
