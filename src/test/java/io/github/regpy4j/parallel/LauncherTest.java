package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.OperatorWorker;
import io.github.regpy4j.worker.internal.WorkerExit;
import io.github.regpy4j.worker.internal.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' command lines, their options, the idle silence and heartbeats, and the version
 * check at the handshake; none of it needs an SSH server or SLURM ({@link SshLauncherTest} and
 * {@link SrunLauncherTest} run them for real).
 */
@Timeout(60)
class LauncherTest {

    private static final Set<Class<?>> CLASSES = Set.of(Misbehaving.class);
    private static final long SEED = 20261127L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void theDefaultIsLocalWithoutHeartbeats() {
        WorkerOptions o = WorkerOptions.defaults();
        assertThat(o.launcher()).isEqualTo(WorkerLauncher.local());
        assertThat(o.launcher().isLocal()).isTrue();
        assertThat(o.launcher().idleSilence()).isEmpty();
        WorkerCommandLine cl = WorkerCommandLine.create(o, CLASSES);
        assertThat(cl.command(0)).isEqualTo(cl.command(1));
        assertThat(cl.command(0)).anyMatch(w -> w.endsWith("/bin/java"));
        assertThat(String.join(" ", cl.command(0))).doesNotContain(WorkerSettings.IDLE_SILENCE_PROPERTY);
        assertThat(cl.location(0)).isEmpty();
        cl.deleteArgFile();
    }

    @Test
    void sshCommandLineGoesRoundRobinAndQuotesTheRemoteCommand() {
        SshLauncher ssh = WorkerLauncher.ssh("node1", "node2").withUser("alice").withPort(2200)
                .withIdentityFile(Path.of("/keys/id")).withSshOptions(List.of("-o", "ConnectTimeout=5"))
                .withRemoteJava("/opt/jdk 17/bin/java").withRemoteClasspath("/shared/it's/lib/*");
        WorkerOptions o = WorkerOptions.defaults().withLauncher(ssh).withJvmArgs(List.of("-Xmx2g"));
        WorkerCommandLine cl = WorkerCommandLine.create(o, CLASSES);
        List<String> c0 = cl.command(0);
        assertThat(c0.subList(0, 8)).containsExactly("ssh", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p",
                "2200");
        assertThat(c0).containsSequence("-i", "/keys/id", "-l", "alice").contains("node1");
        assertThat(cl.command(1)).contains("node2").doesNotContain("node1");
        assertThat(cl.command(2)).contains("node1");
        String remote = c0.get(c0.size() - 1);
        assertThat(remote).startsWith("exec '/opt/jdk 17/bin/java' ")
                .contains("-Xmx2g")
                .contains("-D" + WorkerSettings.IDLE_SILENCE_PROPERTY + "=90000")
                .contains("-cp '/shared/it'\\''s/lib/*' ")
                .endsWith(OperatorWorker.class.getName())
                .doesNotContain("@");
        assertThat(cl.location(1)).isEqualTo(" on alice@node2:2200 (ssh)");
    }

    @Test
    void theRemoteCommandSurvivesARealPosixShell() throws Exception {
        List<String> words = List.of("a b", "it's", "$HOME", "\"q\"", "*", "back\\slash", "");
        StringBuilder s = new StringBuilder("printf '%s\\n'");
        for (String w : words) {
            s.append(' ').append(WorkerLauncher.shellQuote(w));
        }
        Process p = new ProcessBuilder("sh", "-c", s.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.split("\n", -1)).containsExactly("a b", "it's", "$HOME", "\"q\"", "*", "back\\slash", "", "");
    }

    /**
     * The whole SSH path where no SSH server can run (a CI user without a name, say): an {@code
     * ssh} stand-in skips the options and the host and hands the remote command to a shell, as
     * sshd would. The quoted command must start a worker that serves, without shared memory and
     * with heartbeats, and closing must end it.
     */
    @Test
    void anSshCommandLineRunThroughAShellStartsWorkersThatServe(@TempDir Path dir) throws Exception {
        Path fakeSsh = dir.resolve("ssh");
        Files.writeString(fakeSsh, String.join("\n", "#!/bin/sh",
                "# ssh stand-in: skip the options and the host; run the remote command with a shell, as sshd does",
                "while [ $# -gt 1 ]; do",
                "  case \"$1\" in",
                "    -T) shift ;;",
                "    -o|-p|-i|-l) shift 2 ;;",
                "    *) shift; break ;;",
                "  esac",
                "done",
                "exec sh -c \"$1\"", ""));
        Files.setPosixFilePermissions(fakeSsh, PosixFilePermissions.fromString("rwx------"));
        Random rng = new Random(SEED);
        VectorSpace x = VectorSpace.real(5);
        List<Operator> ops = List.of(new Quadratic(x, x.randn(rng), 0.5), new Quadratic(x, x.randn(rng), -2.0));
        double[] point = x.randn(rng);
        SshLauncher ssh = WorkerLauncher.ssh("node-a", "node-b").withSshCommand(fakeSsh.toString()).withPort(2222)
                .withUser("nobody-in-particular");
        try (var remote = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withLauncher(ssh));
                var local = new ParallelVectorOfOperators(ops)) {
            assertThat(remote.apply(point)).containsExactly(local.apply(point));
            Linearization lr = remote.linearize(point);
            Linearization ll = local.linearize(point);
            double[] y = remote.codomain().randn(rng);
            assertThat(lr.derivative().adjoint().apply(y)).containsExactly(ll.derivative().adjoint().apply(y));
            assertThat(remote.workerProcesses()).hasSize(2).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
            String args = String.join(" ", remote.workerProcesses().get(0).info().arguments().map(List::of)
                    .orElse(List.of()));
            assertThat(args).as("the JVM the shell started").contains(OperatorWorker.class.getName())
                    .contains(WorkerSettings.IDLE_SILENCE_PROPERTY);
        }
    }

    @Test
    void srunCommandLineHasOneTaskPerWorkerAndTheNodesRoundRobin() {
        SrunLauncher srun = WorkerLauncher.srun().withCpusPerTask(4).withNodes(List.of("n1", "n2"))
                .withSrunOptions(List.of("--mem-per-cpu=1G"));
        WorkerCommandLine cl = WorkerCommandLine.create(WorkerOptions.defaults().withLauncher(srun), CLASSES);
        assertThat(cl.command(0).subList(0, 10)).containsExactly("srun", "--nodes=1", "--ntasks=1", "--cpus-per-task=4",
                "--exclusive", "--unbuffered", "--nodelist=n1", "--mem-per-cpu=1G", cl.command(0).get(8), cl.command(0).get(9));
        assertThat(cl.command(0).get(8)).endsWith("java");
        assertThat(cl.command(1)).contains("--nodelist=n2");
        assertThat(cl.command(0).get(cl.command(0).size() - 1)).isEqualTo(OperatorWorker.class.getName());
        assertThat(cl.location(1)).contains("n2").contains("srun");
    }

    @Test
    void commandPrefixPassesTheJvmsWordsUnquoted() {
        CommandPrefixLauncher kube = WorkerLauncher.commandPrefix(List.of("kubectl", "exec", "-i", "pod-0", "--"))
                .withoutIdleSilence();
        WorkerCommandLine cl = WorkerCommandLine.create(WorkerOptions.defaults().withLauncher(kube), CLASSES);
        assertThat(cl.command(0).subList(0, 5)).containsExactly("kubectl", "exec", "-i", "pod-0", "--");
        assertThat(cl.command(0).get(5)).endsWith("java");
        assertThat(String.join(" ", cl.command(0))).doesNotContain(WorkerSettings.IDLE_SILENCE_PROPERTY);
        assertThat(cl.location(0)).isEqualTo(" (via kubectl exec -i pod-0 --)");
    }

    @Test
    void noSharedMemoryAndNoClassDataSharingForRemoteLaunchers() {
        WorkerOptions o = WorkerOptions.defaults().withSharedMemoryThreshold(0).withClassDataSharing(true);
        assertThat(o.sharedMemoryThreshold()).isZero();
        assertThat(o.classDataSharing()).isTrue();
        WorkerOptions remote = o.withLauncher(WorkerLauncher.ssh("h"));
        assertThat(remote.sharedMemoryThreshold()).isEqualTo(Long.MAX_VALUE);
        assertThat(remote.classDataSharing()).isFalse();
        assertThat(String.join(" ", WorkerCommandLine.create(remote, CLASSES).command(0))).doesNotContain("SharedArchiveFile");
        assertThat(remote).isNotEqualTo(o).isEqualTo(o.withLauncher(WorkerLauncher.ssh("h")));
        assertThat(remote.toString()).contains("SshLauncher[hosts=[h]");
    }

    @Test
    void badArgumentsSayWhatWasExpectedAndFound() {
        assertThatThrownBy(() -> WorkerLauncher.ssh(List.of())).hasMessageContaining("SSH hosts is empty");
        assertThatThrownBy(() -> WorkerLauncher.ssh("-oProxyCommand=x")).hasMessageContaining("-oProxyCommand=x")
                .hasMessageContaining("not a host name");
        assertThatThrownBy(() -> WorkerLauncher.ssh("h").withPort(0)).hasMessageContaining("1..65535 but is 0");
        assertThatThrownBy(() -> WorkerLauncher.srun().withCpusPerTask(0)).hasMessageContaining("at least 1 but is 0");
        assertThatThrownBy(() -> WorkerLauncher.ssh("h").withIdleSilence(Duration.ofMillis(10)))
                .hasMessageContaining("at least 1 s").hasMessageContaining("PT0.01S");
        assertThatThrownBy(() -> WorkerLauncher.commandPrefix(List.of("kubectl", " "))).hasMessageContaining("word 1 is blank");
        assertThatThrownBy(() -> WorkerOptions.defaults().withLauncher(null)).hasMessageContaining("WorkerLauncher.local()");
        String longPath = "/x".repeat(70_000);
        WorkerOptions tooLong = WorkerOptions.defaults().withLauncher(WorkerLauncher.ssh("h").withRemoteClasspath(longPath));
        assertThatThrownBy(() -> WorkerCommandLine.create(tooLong, CLASSES)).isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("classpath of 140000").hasMessageContaining("withRemoteClasspath");
    }

    @Test
    void aWorkerOfAnotherLibraryVersionIsRefusedNamingBothVersions() {
        WorkerOptions other = WorkerOptions.defaults().withJvmArgs(List.of("-Dregpy4j.worker.libraryVersion=9.9.9-other"));
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(2)), other))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("runs regpy4j 9.9.9-other")
                .hasMessageContaining("this JVM runs regpy4j " + WorkerSettings.libraryVersion());
        assertThat(WorkerSettings.libraryVersion()).isNotEqualTo("unknown");
    }

    @Test
    void anIdleWorkerThatHearsNothingExitsAfterTheSilence() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process worker = new ProcessBuilder(java, "-D" + WorkerSettings.IDLE_SILENCE_PROPERTY + "=1000", "-cp",
                WorkerCommandLine.classpath(CLASSES), OperatorWorker.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // stdin stays open and silent: the transport did not pass end of file on.
            long t0 = System.nanoTime();
            assertThat(worker.waitFor(10, TimeUnit.SECONDS)).as("the silent worker exited").isTrue();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(worker.exitValue()).as(WorkerExit.describe(worker.exitValue())).isEqualTo(WorkerExit.PARENT_SILENT);
            assertThat(millis).isBetween(900L, 5000L);
        } finally {
            worker.destroyForcibly();
            worker.waitFor();
        }
    }

    @Test
    void heartbeatsKeepIdleWorkersAliveAndNeverDisturbACallLongerThanTheSilence() throws Exception {
        // "env" as the prefix: a launcher that is not the local one, on this machine.
        WorkerOptions o = WorkerOptions.defaults().withLauncher(
                WorkerLauncher.commandPrefix(List.of("env")).withIdleSilence(Duration.ofSeconds(1)));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), o)) {
            Thread.sleep(2500); // idle for 2.5 silences: only heartbeats keep the workers
            assertThat(parallel.isRunning()).isTrue();
            assertThat(parallel.apply(new double[] {1, 2})).hasSize(4);
            double[] sleep = Misbehaving.Trigger.SLEEP.argument(2);
            sleep[1] = 1800; // a call of 1.8 silences: no heartbeat during it, and the worker waits it out
            assertThat(parallel.apply(sleep)).hasSize(4);
            Thread.sleep(1500);
            assertThat(parallel.apply(new double[] {3, 4})).hasSize(4);
        }
    }

    @Test
    void aWorkerFrozenBetweenCallsIsKilledByTheHeartbeatAndReportedAtTheNextCall() throws Exception {
        WorkerOptions o = WorkerOptions.defaults().withLauncher(
                WorkerLauncher.commandPrefix(List.of("env")).withIdleSilence(Duration.ofSeconds(1)));
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)), o)) {
            ProcessHandle frozen = parallel.workerProcesses().get(0);
            new ProcessBuilder("kill", "-STOP", Long.toString(frozen.pid())).start().waitFor();
            Processes.millisUntilGone(List.of(frozen), Duration.ofSeconds(5));
            assertThatThrownBy(() -> parallel.apply(new double[] {1, 2})).isInstanceOf(WorkerCrashedException.class)
                    .hasMessageContaining("worker 0").hasMessageContaining("SIGKILL");
        }
    }
}
