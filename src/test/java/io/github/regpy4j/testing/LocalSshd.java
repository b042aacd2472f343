package io.github.regpy4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.parallel.SshLauncher;
import io.github.regpy4j.parallel.WorkerLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH server that {@code .ci/start-sshd} runs on 127.0.0.1:2222 for the tests of the SSH
 * launcher: its client key and known_hosts under {@code /tmp/regpy4j-sshd} (or {@code
 * $REGPY4J_SSHD_DIR}, port {@code $REGPY4J_SSHD_PORT}). Tests call {@link #assumeAvailable()}
 * first, so they skip cleanly where no such server runs.
 */
public final class LocalSshd {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("REGPY4J_SSHD_PORT", "2222"));
    public static final Path DIR = Path.of(System.getenv().getOrDefault("REGPY4J_SSHD_DIR", "/tmp/regpy4j-sshd"));

    private static Boolean available;
    private static String why = "";

    private LocalSshd() {}

    /** Skips the calling test unless the test sshd answers (checked once per JVM: a TCP connect and {@code ssh … true}). */
    public static synchronized void assumeAvailable() {
        if (available == null) {
            available = probe();
        }
        assumeTrue(available, () -> "no test sshd on " + HOST + ":" + PORT + " (" + why + "); start one with"
                + " .ci/start-sshd");
    }

    private static boolean probe() {
        if (!Files.isReadable(DIR.resolve("id_ed25519")) || !Files.isReadable(DIR.resolve("known_hosts"))) {
            why = "no key in " + DIR;
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (IOException e) {
            why = "nothing listens: " + e.getMessage();
            return false;
        }
        try {
            List<String> cmd = sshCommandFor("true");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "ssh … true did not finish in 10 s";
                return false;
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            why = "ssh … true exited with " + p.exitValue() + ": " + out.trim();
            return p.exitValue() == 0;
        } catch (IOException e) {
            why = "cannot run ssh: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the ssh command line that runs {@code remote} on the test server */
    public static List<String> sshCommandFor(String remote) {
        return List.of("ssh", "-T", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + DIR.resolve("known_hosts"),
                "-o", "StrictHostKeyChecking=yes", "-o", "LogLevel=ERROR", "-p", Integer.toString(PORT), "-i",
                DIR.resolve("id_ed25519").toString(), "-l", System.getProperty("user.name"), HOST, remote);
    }

    /** @return a launcher for the test server, with its known_hosts and key, as the current user */
    public static SshLauncher launcher() {
        return WorkerLauncher.ssh(HOST).withPort(PORT).withIdentityFile(DIR.resolve("id_ed25519"))
                .withUser(System.getProperty("user.name"))
                .withSshOptions(List.of("-o", "UserKnownHostsFile=" + DIR.resolve("known_hosts"), "-o",
                        "StrictHostKeyChecking=yes", "-o", "LogLevel=ERROR"));
    }

    /**
     * @param marker a string on the workers' command lines (e.g. a {@code -D} flag)
     * @return the running worker JVMs whose command line holds it: on this machine, but not
     *     descendants of this JVM when started through sshd
     */
    public static List<ProcessHandle> workersMarked(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("OperatorWorker"))
                        .orElse(false))
                .filter(Processes::isRunning)
                .toList();
    }
}
