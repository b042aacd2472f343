package io.github.regpy4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.examples.mri.ParallelMriExample;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.testing.Bits;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel MRI example, run as a test on a smaller grid (32×32, 4 coils): the reconstruction
 * converges, the discrepancy principle stops it, and the parallel and sequential operators give
 * the same iterates.
 */
class ParallelMriExampleTest {

    private static final MriSetup SMALL = MriSetup.regpyExample().resized(32, 4);
    /** The example's reconstruction must at least third the initial error of the normalized density. */
    private static final double ERROR_REDUCTION = 1.0 / 3;

    @AfterEach
    void noProcessIsLeftBehind() throws InterruptedException {
        assertNoDescendants();
    }

    private static void assertNoDescendants() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.current().descendants().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.current().descendants().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("child processes still running after the example closed its operators").isEmpty();
    }

    @Test
    @Timeout(60)
    void reconstructionReducesTheErrorAndStopsByTheDiscrepancyPrinciple() throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome outcome = MriReconstruction.run(problem, Execution.SEQUENTIAL, p -> { });
        List<MriReconstruction.Progress> progress = outcome.progress();
        double initial = progress.get(0).relativeError();
        double last = progress.get(progress.size() - 1).relativeError();
        assertThat(last).as("relative error of |ρ̃| after %d iterations (initial %.3f), seed %d",
                progress.size() - 1, initial, SMALL.seed()).isLessThan(ERROR_REDUCTION * initial);
        assertThat(outcome.result().stoppedBy()).as("stop rule, seed %d", SMALL.seed()).isInstanceOf(Discrepancy.class);
        assertThat(outcome.result().state().residualNorm())
                .isLessThanOrEqualTo(SMALL.tau() * problem.noiseNorm());
        assertThat(outcome.result().state().iteration()).isLessThan(SMALL.maxIterations());
    }

    @Test
    @Timeout(120)
    void theWarmUpChangesNoIterateAndACappedSolveStopsAtItsCap() throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome cold = MriReconstruction.run(problem, Execution.SEQUENTIAL, p -> { });
        MriReconstruction.Outcome warm = MriReconstruction.run(problem, Execution.PARALLEL,
                WorkerOptions.defaults().withMaxWorkers(SMALL.coils()), MriReconstruction.WARM_UP_ROUNDS,
                SMALL.maxIterations(), p -> { });
        assertThat(warm.iterates()).as("iterates with and without the warm-up, seed %d", SMALL.seed())
                .hasSameSizeAs(cold.iterates());
        // What the example prints beside the solver's time: the workers' start and the warm-up.
        assertThat(warm.buildNanos()).as("the time to start the workers").isPositive();
        assertThat(warm.warmUpNanos()).as("the time of %d warm-up rounds", MriReconstruction.WARM_UP_ROUNDS).isPositive();
        assertThat(cold.warmUpNanos()).as("no warm-up rounds, no time: the default run starts cold").isLessThan(
                warm.warmUpNanos());
        for (int i = 0; i < cold.iterates().size(); i++) {
            assertThat(Arrays.equals(warm.iterates().get(i), cold.iterates().get(i)))
                    .as("iterate %d after %d warm-up rounds (one worker per coil) equals the cold sequential one bit"
                            + " for bit, seed %d", i, MriReconstruction.WARM_UP_ROUNDS, SMALL.seed())
                    .isTrue();
        }
        MriReconstruction.Outcome capped = MriReconstruction.run(problem, Execution.SEQUENTIAL, WorkerOptions.defaults(),
                0, 1, p -> { });
        assertThat(capped.result().state().iteration()).as("IRGNM iterations with a cap of 1").isEqualTo(1);
        assertThat(Arrays.equals(capped.iterates().get(1), cold.iterates().get(1)))
                .as("the capped solve's step is the full solve's first, bit for bit, seed %d", SMALL.seed()).isTrue();
        assertThatThrownBy(() -> MriReconstruction.warmUp(Execution.SEQUENTIAL.forwardOperator(problem.coilOperators(),
                problem.domain(), problem.distribution(), WorkerOptions.defaults()), problem, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0, found -1");
    }

    @Test
    @Timeout(60)
    void theUnmeasuredSolveIsAWholeSequentialSolveNotOneStep() throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome measured = MriReconstruction.run(problem, Execution.SEQUENTIAL, p -> { });
        List<MriReconstruction.Progress> seen = new ArrayList<>();
        MriReconstruction.unmeasuredSolve(problem, 1, seen::add);
        assertThat(seen).as("iterations the unmeasured solve reports, against a measured solve's (%d IRGNM steps), seed %d",
                measured.result().state().iteration(), SMALL.seed()).hasSameSizeAs(measured.progress());
        assertThat(measured.result().state().iteration()).as("a solve of more than the one step the example ran before")
                .isGreaterThan(1);
        Bits.assertBitIdentical(seen.get(seen.size() - 1).state().x(), measured.reconstruction(),
                "the unmeasured solve's last iterate against the measured one's, seed " + SMALL.seed());
        assertThatThrownBy(() -> MriReconstruction.unmeasuredSolve(problem, -1, p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0, found -1");
    }

    @Test
    @Timeout(30)
    void badWarmUpsAndCapsAreRefusedBeforeAnyWorkerStarts() {
        MriProblem problem = new MriProblem(SMALL);
        assertThatThrownBy(() -> MriReconstruction.run(problem, Execution.PARALLEL, WorkerOptions.defaults(), -2,
                SMALL.maxIterations(), p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0, found -2");
        assertThatThrownBy(() -> MriReconstruction.run(problem, Execution.PARALLEL, WorkerOptions.defaults(), 0, 0,
                p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, found 0");
        assertThat(ProcessHandle.current().descendants().count()).as("workers started for refused arguments").isZero();
    }

    @Test
    @Timeout(120)
    void parallelAndSequentialIteratesAreBitForBitIdentical() throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome parallel;
        try (ParallelExecutionManager manager = new ParallelExecutionManager();
                DistributedVectorOfOperators forward = new DistributedVectorOfOperators(
                        problem.coilOperators(), problem.domain(), problem.distribution())) {
            parallel = MriReconstruction.run(problem, forward, p -> { });
            assertThat(forward.workerProcesses()).as("one child JVM per coil").hasSize(SMALL.coils());
            assertThat(forward.isRunning()).isTrue();
        }
        assertNoDescendants();
        MriReconstruction.Outcome sequential = MriReconstruction.run(problem, Execution.SEQUENTIAL, p -> { });
        assertThat(parallel.iterates()).as("number of iterates").hasSameSizeAs(sequential.iterates());
        for (int i = 0; i < sequential.iterates().size(); i++) {
            // The README promises identical iterates: bit for bit, not within a tolerance.
            Bits.assertBitIdentical(parallel.iterates().get(i), sequential.iterates().get(i),
                    "iterate " + i + ", parallel against sequential, seed " + SMALL.seed());
        }
        assertThat(parallel.result().stoppedBy()).isInstanceOf(Discrepancy.class);
    }

    /**
     * Two workers for four coils (the example's default on two cores): each worker adds up its
     * coils' density contributions before the parent adds the two, so the adjoint's sum, and with
     * it the iterates, may differ from the sequential ones by round-off, as README.md says.
     */
    @Test
    @Timeout(120)
    void groupedWorkersGiveTheSequentialIteratesToRoundOff() throws Exception {
        double tolerance = 1e-13;
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome sequential = MriReconstruction.run(problem, Execution.SEQUENTIAL, p -> { });
        // Two worker JVMs; and the example's default on 2 processors, one worker JVM and this JVM's share.
        for (WorkerOptions options : List.of(WorkerOptions.defaults().withMaxWorkers(2),
                WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true))) {
            MriReconstruction.Outcome grouped;
            try (ParallelExecutionManager manager = new ParallelExecutionManager();
                    DistributedVectorOfOperators forward = new DistributedVectorOfOperators(problem.coilOperators(),
                            problem.domain(), problem.distribution(), options)) {
                grouped = MriReconstruction.run(problem, forward, p -> { });
                assertThat(forward.workerProcesses()).as("worker JVMs for %d coils, %s", SMALL.coils(), options)
                        .hasSize(options.maxWorkers());
            }
            assertNoDescendants();
            assertThat(grouped.iterates()).as("number of iterates, %s", options).hasSameSizeAs(sequential.iterates());
            for (int i = 0; i < sequential.iterates().size(); i++) {
                assertThat(ParallelMriExample.relativeDifference(grouped.iterates().get(i), sequential.iterates().get(i)))
                        .as("iterate %d, %s against sequential, seed %d", i, options, SMALL.seed())
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }


    @Test
    @Timeout(120)
    void theExecutionSwitchRunsTheSameReconstructionInChildJvms() throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        MriReconstruction.Outcome viaSwitch = MriReconstruction.run(problem, Execution.PARALLEL, p -> { });
        assertNoDescendants();
        assertThat(viaSwitch.result().stoppedBy()).as("seed %d", SMALL.seed()).isInstanceOf(Discrepancy.class);
        assertThat(Execution.PARALLEL.isParallel()).isTrue();
    }

    @Test
    @Timeout(60)
    void writesTheDensityAndCoilImages(@TempDir Path dir) throws Exception {
        MriProblem problem = new MriProblem(SMALL);
        ParallelMriExample.writeImages(problem, problem.initialGuess(), dir);
        BufferedImage density = ImageIO.read(dir.resolve("density.png").toFile());
        BufferedImage coils = ImageIO.read(dir.resolve("coils.png").toFile());
        assertThat(density.getWidth()).isGreaterThan(density.getHeight());
        assertThat(coils.getWidth()).isGreaterThan(coils.getHeight());
    }
}
