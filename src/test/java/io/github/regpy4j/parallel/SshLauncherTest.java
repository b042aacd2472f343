package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.testing.LocalSshd;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.testing.SshParentProcess;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers started through a real OpenSSH server on 127.0.0.1 (see {@code .ci/start-sshd}): the
 * remote JVMs are children of sshd, not of this JVM. Skipped when no such server answers.
 */
@Tag("ssh")
@Timeout(90)
class SshLauncherTest {

    private static final double PARITY_TOLERANCE = 1e-12;
    /** The bound the issue sets for remote workers to go after their parent or connection is gone. */
    private static final Duration REMOTE_GONE_BOUND = Duration.ofSeconds(2);
    private static final long SEED = 20261127L;

    private final String marker = "ssh-test-" + UUID.randomUUID();

    @BeforeEach
    void needsTheTestSshd() {
        LocalSshd.assumeAvailable();
    }

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
        Processes.millisUntilGone(LocalSshd.workersMarked(marker), Duration.ofSeconds(3));
    }

    private WorkerOptions sshOptions() {
        return WorkerOptions.defaults().withLauncher(LocalSshd.launcher())
                .withJvmArgs(List.of("-Dregpy4j.test.marker=" + marker));
    }

    @Test
    void parityWithLocalWorkers() {
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(6);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 0.5), new Quadratic(x, x.randn(rng), -1.5),
                new Quadratic(x, x.randn(rng), 2.0));
        double[] point = x.randn(rng);
        double[] h = x.randn(rng);
        try (var remote = new ParallelVectorOfOperators(ops, sshOptions());
                var local = new ParallelVectorOfOperators(ops)) {
            List<ProcessHandle> remoteJvms = LocalSshd.workersMarked(marker);
            assertThat(remoteJvms).as("worker JVMs started by sshd").hasSize(3);
            assertThat(remoteJvms).as("remote JVMs are not children of this JVM")
                    .allSatisfy(p -> assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                            .doesNotContain(p.pid()));
            assertThat(remote.workerProcesses()).allSatisfy(p -> assertThat(p.info().command().orElse(""))
                    .endsWith("ssh"));

            assertClose(remote.apply(point), local.apply(point), "apply");
            Linearization lr = remote.linearize(point);
            Linearization ll = local.linearize(point);
            assertClose(lr.value(), ll.value(), "linearize value");
            assertClose(lr.derivative().apply(h), ll.derivative().apply(h), "derivative");
            double[] y = remote.codomain().randn(rng);
            assertClose(lr.derivative().adjoint().apply(y), ll.derivative().adjoint().apply(y), "adjoint");
            assertClose(remote.apply(point), new VectorOfOperators(ops).apply(point), "sequential");
        }
        Processes.millisUntilGone(LocalSshd.workersMarked(marker), REMOTE_GONE_BOUND);
    }

    @Test
    void distributedParityOverSsh() {
        Random rng = new Random(SEED + 1);
        VectorSpace a = VectorSpace.real(3);
        VectorSpace b = VectorSpace.real(2);
        DirectSum domain = new DirectSum(a, b, a);
        List<Operator> ops = List.of(new Quadratic(a, a.randn(rng), 1.0),
                new Quadratic(new DirectSum(b, a), new DirectSum(b, a).randn(rng), -0.5));
        boolean[][] distribution = {{true, false, false}, {false, true, true}};
        double[] x = domain.randn(rng);
        try (var remote = new DistributedVectorOfOperators(ops, domain, distribution, sshOptions());
                var local = new DistributedVectorOfOperators(ops, domain, distribution)) {
            assertClose(remote.apply(x), local.apply(x), "apply");
            Linearization lr = remote.linearize(x);
            Linearization ll = local.linearize(x);
            double[] y = remote.codomain().randn(rng);
            assertClose(lr.derivative().adjoint().apply(y), ll.derivative().adjoint().apply(y), "adjoint");
        }
    }

    @Test
    void aManagerKeepsIdleSshWorkersForTheNextSshOperatorButNeverGivesThemToALocalOne() {
        VectorSpace x = VectorSpace.real(4);
        Random rng = new Random(SEED + 3);
        List<ProcessHandle> first;
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            try (var a = new ParallelVectorOfOperators(List.of(new Identity(x), new Identity(x)), sshOptions())) {
                first = LocalSshd.workersMarked(marker);
                assertThat(first).hasSize(2);
                double[] v = x.randn(rng);
                assertClose(a.apply(v), new VectorOfOperators(List.of(new Identity(x), new Identity(x))).apply(v), "echo");
            }
            try (var local = new ParallelVectorOfOperators(List.of(new Identity(x)))) {
                assertThat(local.workerProcesses().get(0).info().command().orElse("")).doesNotEndWith("ssh");
            }
            List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1.0), new Quadratic(x, x.randn(rng), 3.0));
            try (var b = new ParallelVectorOfOperators(ops, sshOptions())) {
                assertThat(LocalSshd.workersMarked(marker)).as("the same remote JVMs, reused")
                        .containsExactlyInAnyOrderElementsOf(first);
                double[] v = x.randn(rng);
                assertClose(b.apply(v), new VectorOfOperators(ops).apply(v), "reused workers' apply");
            }
        }
        Processes.millisUntilGone(first, REMOTE_GONE_BOUND);
    }

    @Test
    void largeVectorsTravelThroughTheChannelNotSharedMemory() {
        VectorSpace x = VectorSpace.real(300_000); // 2.4 MB, above the shared-memory threshold
        Random rng = new Random(SEED + 2);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 1.0), new Quadratic(x, x.randn(rng), 2.0));
        double[] point = x.randn(rng);
        try (var remote = new ParallelVectorOfOperators(ops, sshOptions().withSharedMemoryThreshold(0))) {
            assertClose(remote.apply(point), new VectorOfOperators(ops).apply(point), "apply of 2.4 MB vectors");
            // Each 2.4 MB reply is added into the sum as it arrives through its channel, in worker order.
            double[] y = remote.codomain().randn(rng);
            io.github.regpy4j.testing.Bits.assertBitIdentical(remote.linearize(point).derivative().adjoint().apply(y),
                    new VectorOfOperators(ops).linearize(point).derivative().adjoint().apply(y),
                    "adjoint of 2.4 MB replies over ssh, seed " + (SEED + 2));
        }
    }

    @Test
    void killingTheSshClientMidCallGivesWorkerCrashedNamingTheHost() throws Exception {
        try (var remote = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), sshOptions())) {
            List<ProcessHandle> remoteJvms = LocalSshd.workersMarked(marker);
            assertThat(remoteJvms).hasSize(2);
            CompletableFuture<double[]> call = CompletableFuture.supplyAsync(
                    () -> remote.apply(Misbehaving.Trigger.SLEEP.argument(2)));
            Thread.sleep(300);
            // Worker 0: the group reads replies in worker order (as FailureTest's local kill does).
            ProcessHandle sshClient = remote.workerProcesses().get(0);
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(sshClient.pid())).start().waitFor();
            assertThatThrownBy(() -> call.get(REMOTE_GONE_BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(WorkerCrashedException.class)
                    .cause().hasMessageContaining("worker 0")
                    .hasMessageContaining(LocalSshd.HOST + ":" + LocalSshd.PORT)
                    .hasMessageContaining("killed by signal 9");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(millis).as("ms from the kill to WorkerCrashedException").isLessThan(REMOTE_GONE_BOUND.toMillis());
            Processes.millisUntilGone(remoteJvms, REMOTE_GONE_BOUND);
        }
    }

    @Test
    void killingTheParentEndsTheRemoteWorkers() throws Exception {
        for (String mode : List.of("idle", "busy")) {
            String parentMarker = marker + "-" + mode;
            Process parent = startSshParent(mode, 2, parentMarker);
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
                assertThat(r.readLine()).as("the parent said ready").isEqualTo("ready");
                List<ProcessHandle> remoteJvms = LocalSshd.workersMarked(parentMarker);
                assertThat(remoteJvms).hasSize(2);
                if (mode.equals("busy")) {
                    Thread.sleep(300);
                }
                new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
                long millis = Processes.millisUntilGone(remoteJvms, Duration.ofSeconds(5));
                assertThat(millis).as("ms until the remote workers of a parent killed while %s are gone", mode)
                        .isLessThan(REMOTE_GONE_BOUND.toMillis());
            } finally {
                parent.destroyForcibly();
                parent.waitFor();
            }
        }
    }

    @Test
    void aRemoteJarOfAnotherVersionIsRefusedNamingBothVersions() {
        WorkerOptions options = WorkerOptions.defaults().withLauncher(LocalSshd.launcher())
                .withJvmArgs(List.of("-Dregpy4j.test.marker=" + marker, "-Dregpy4j.worker.libraryVersion=0.0.1-other"));
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(2)), options))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("0.0.1-other")
                .hasMessageContaining(io.github.regpy4j.worker.internal.WorkerSettings.libraryVersion())
                .hasMessageContaining(LocalSshd.HOST);
    }

    @Test
    void aHostThatRefusesTheLoginFailsAtStartupWithSshsMessage() {
        WorkerOptions options = WorkerOptions.defaults().withStartupTimeout(Duration.ofSeconds(20))
                .withLauncher(LocalSshd.launcher().withUser("no-such-user-regpy4j"));
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(2)), options))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("no-such-user-regpy4j@" + LocalSshd.HOST)
                .hasMessageContaining("255");
    }

    private static Process startSshParent(String mode, int n, String parentMarker) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = WorkerCommandLine.classpath(Set.of(SshParentProcess.class));
        return new ProcessBuilder(java, "-Xshare:auto", "-cp", cp, SshParentProcess.class.getName(), mode,
                Integer.toString(n), parentMarker).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(PARITY_TOLERANCE * (1 + Math.abs(expected[i]))));
        }
    }
}
