package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.LocalSshd;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers started as SLURM job steps with srun, inside an allocation this test makes ({@code
 * salloc --no-shell}, then {@code srun --jobid}). Needs a running cluster, e.g. the single-node one
 * of {@code scripts/start-slurm-localhost}; skipped when {@code sinfo} finds none.
 */
@Tag("slurm")
@Timeout(120)
class SrunLauncherTest {

    private static final double PARITY_TOLERANCE = 1e-12;
    private static final long SEED = 20261128L;
    private static final int WORKERS = 2;

    private final String marker = "srun-test-" + UUID.randomUUID();
    private String jobId;

    @BeforeEach
    void needsASlurmAllocation() throws Exception {
        String nodes = run(List.of("sinfo", "-h", "-o", "%T"), 5);
        assumeTrue(nodes != null && nodes.matches("(?s).*\\b(idle|mixed)\\b.*"),
                () -> "no SLURM cluster with an idle node (sinfo said: " + nodes + "); start one with"
                        + " scripts/start-slurm-localhost");
        String granted = run(List.of("salloc", "--no-shell", "--nodes=1", "--ntasks=" + WORKERS, "--cpus-per-task=1",
                "--immediate=20", "--job-name=regpy4j-test"), 30);
        Matcher m = Pattern.compile("Granted job allocation (\\d+)").matcher(String.valueOf(granted));
        assertThat(m.find()).as("salloc granted an allocation: %s", granted).isTrue();
        jobId = m.group(1);
        // A cluster can grant an allocation yet refuse steps to this user (munge credentials of
        // another uid, say): that is the machine, not the launcher, so the test skips.
        String step = run(List.of("srun", "--jobid=" + jobId, "--ntasks=1", "echo", marker), 30);
        assumeTrue(step != null && step.contains(marker),
                () -> "SLURM granted job " + jobId + " but cannot run a step in it (srun said: " + step + ")");
    }

    @AfterEach
    void releaseTheAllocation() throws Exception {
        if (jobId != null) {
            run(List.of("scancel", jobId), 10);
        }
        Processes.assertNoDescendants();
        Processes.millisUntilGone(LocalSshd.workersMarked(marker), Duration.ofSeconds(5));
    }

    @Test
    void parityWithLocalWorkersThroughSrun() {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(5);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 0.5), new Quadratic(x, x.randn(rng), -2.0));
        double[] point = x.randn(rng);
        double[] h = x.randn(rng);
        WorkerOptions srun = WorkerOptions.defaults().withStartupTimeout(Duration.ofSeconds(60))
                .withJvmArgs(List.of("-Dregpy4j.test.marker=" + marker))
                .withLauncher(WorkerLauncher.srun().withSrunOptions(List.of("--jobid=" + jobId)));
        try (var remote = new ParallelVectorOfOperators(ops, srun);
                var local = new ParallelVectorOfOperators(ops)) {
            List<ProcessHandle> stepJvms = LocalSshd.workersMarked(marker);
            assertThat(stepJvms).as("worker JVMs started by slurmstepd").hasSize(WORKERS);
            assertThat(stepJvms).allSatisfy(p -> assertThat(ProcessHandle.current().descendants()
                    .map(ProcessHandle::pid)).doesNotContain(p.pid()));
            assertClose(remote.apply(point), local.apply(point), "apply");
            Linearization lr = remote.linearize(point);
            Linearization ll = local.linearize(point);
            assertClose(lr.value(), ll.value(), "linearize");
            assertClose(lr.derivative().apply(h), ll.derivative().apply(h), "derivative");
            double[] y = remote.codomain().randn(rng);
            assertClose(lr.derivative().adjoint().apply(y), ll.derivative().adjoint().apply(y), "adjoint");
            assertClose(remote.apply(point), new VectorOfOperators(ops).apply(point), "sequential");
        }
    }

    /** @return stdout and stderr of the command, or null if it cannot run or does not finish */
    private static String run(List<String> command, int seconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return null;
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(PARITY_TOLERANCE * (1 + Math.abs(expected[i]))));
        }
    }
}
