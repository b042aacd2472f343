package io.github.regpy4j.parallel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts workers through {@code ssh}, round-robin over a list of hosts. Made by {@link
 * WorkerLauncher#ssh(List)}; immutable.
 *
 * <p>Worker {@code i} is started as
 * <pre>
 * ssh -T -o BatchMode=yes [ssh options] [-p port] [-i identity] [-l user]
 *     -o ServerAliveInterval=10 -o ServerAliveCountMax=3 host 'exec' 'java' … 'OperatorWorker'
 * </pre>
 * with {@code host = hosts[i % hosts.size()]}: no terminal (the channel carries binary frames),
 * never a password prompt (a login that needs one fails at startup, with ssh's message), and a
 * connection that stops answering is given up after about 30 s, which the parent reports as a
 * {@link WorkerCrashedException} naming the host. Every word of the remote command is quoted for
 * the remote POSIX shell, which {@code exec}s the JVM, so the JVM's parent is sshd itself. The
 * extra options come first and so win over the defaults ({@code ssh} takes the first value it sees).
 */
public final class SshLauncher extends WorkerLauncher {

    private final List<String> hosts;
    private final String user;
    private final int port;
    private final Path identityFile;
    private final List<String> sshOptions;
    private final String sshCommand;
    private final Remote remote;

    SshLauncher(List<String> hosts) {
        this(checkHosts(hosts), null, 0, null, List.of(), "ssh", Remote.DEFAULTS);
    }

    private SshLauncher(List<String> hosts, String user, int port, Path identityFile, List<String> sshOptions,
            String sshCommand, Remote remote) {
        this.hosts = hosts;
        this.user = user;
        this.port = port;
        this.identityFile = identityFile;
        this.sshOptions = sshOptions;
        this.sshCommand = sshCommand;
        this.remote = remote;
    }

    private static List<String> checkHosts(List<String> hosts) {
        List<String> h = words(hosts, "SSH hosts", false);
        for (String host : h) {
            if (host.startsWith("-") || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("SSH host '" + host + "' is not a host name (it starts with '-'"
                        + " or holds white space); expected e.g. node1, 10.0.0.5 or alice@node1");
            }
        }
        return h;
    }

    /**
     * @param userName the remote user name, as {@code ssh -l}
     * @return a launcher that logs in as this user
     * @throws IllegalArgumentException if the name is null or blank
     */
    public SshLauncher withUser(String userName) {
        return new SshLauncher(hosts, requireWord(userName, "SSH user"), port, identityFile, sshOptions, sshCommand, remote);
    }

    /**
     * @param sshPort the remote port, 1 to 65535, as {@code ssh -p}
     * @return a launcher that connects to this port
     * @throws IllegalArgumentException if the port is out of range
     */
    public SshLauncher withPort(int sshPort) {
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("SSH port must be in 1..65535 but is " + sshPort);
        }
        return new SshLauncher(hosts, user, sshPort, identityFile, sshOptions, sshCommand, remote);
    }

    /**
     * @param file the private key to log in with, as {@code ssh -i}
     * @return a launcher that uses this key
     * @throws IllegalArgumentException if the path is null
     */
    public SshLauncher withIdentityFile(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("identity file is null");
        }
        return new SshLauncher(hosts, user, port, file, sshOptions, sshCommand, remote);
    }

    /**
     * @param options extra arguments of {@code ssh}, e.g. {@code List.of("-o", "UserKnownHostsFile=/path",
     *     "-o", "StrictHostKeyChecking=yes")}; they come before the launcher's own. Not modified (copied).
     * @return a launcher with these options instead of the current ones
     * @throws IllegalArgumentException if the list is null or holds a null or blank word
     */
    public SshLauncher withSshOptions(List<String> options) {
        return new SshLauncher(hosts, user, port, identityFile, words(options, "SSH options", true), sshCommand, remote);
    }

    /**
     * @param command the {@code ssh} client to run, e.g. {@code /usr/bin/ssh}; default {@code ssh} from the PATH
     * @return a launcher that runs this client
     * @throws IllegalArgumentException if the command is null or blank
     */
    public SshLauncher withSshCommand(String command) {
        return new SshLauncher(hosts, user, port, identityFile, sshOptions, requireWord(command, "SSH command"), remote);
    }

    /**
     * @param java the {@code java} to run on the hosts, e.g. {@code /opt/jdk-17/bin/java}; default: this JVM's
     * @return a launcher that runs this JVM remotely
     * @throws IllegalArgumentException if null or blank
     */
    public SshLauncher withRemoteJava(String java) {
        return new SshLauncher(hosts, user, port, identityFile, sshOptions, sshCommand, remote.withJava(java));
    }

    /**
     * @param classpath the classpath on the hosts, with regpy4j, its dependencies and the operators'
     *     classes, e.g. {@code /shared/app/lib/*}; default: this JVM's
     * @return a launcher that uses this classpath remotely
     * @throws IllegalArgumentException if null or blank
     */
    public SshLauncher withRemoteClasspath(String classpath) {
        return new SshLauncher(hosts, user, port, identityFile, sshOptions, sshCommand, remote.withClasspath(classpath));
    }

    /**
     * @param silence how long an idle worker waits without hearing from the parent before it exits,
     *     at least 1 s; the parent pings every quarter of it. Default {@link WorkerLauncher#DEFAULT_IDLE_SILENCE}.
     * @return a launcher with this silence
     * @throws IllegalArgumentException if null or shorter than 1 s
     */
    public SshLauncher withIdleSilence(Duration silence) {
        if (silence == null) {
            throw new IllegalArgumentException("idle silence is null; use withoutIdleSilence() to turn it off");
        }
        return new SshLauncher(hosts, user, port, identityFile, sshOptions, sshCommand, remote.withIdleSilence(silence));
    }

    /** @return a launcher without heartbeats: workers rely on end of file and their parent process alone */
    public SshLauncher withoutIdleSilence() {
        return new SshLauncher(hosts, user, port, identityFile, sshOptions, sshCommand, remote.withIdleSilence(null));
    }

    /** @return the hosts, in round-robin order, unmodifiable */
    public List<String> hosts() {
        return hosts;
    }

    @Override
    Remote remote() {
        return remote;
    }

    @Override
    List<String> wrap(int index, List<String> java) {
        List<String> cmd = new ArrayList<>();
        cmd.add(sshCommand);
        cmd.add("-T");
        cmd.add("-o");
        cmd.add("BatchMode=yes");
        cmd.addAll(sshOptions);
        if (port != 0) {
            cmd.add("-p");
            cmd.add(Integer.toString(port));
        }
        if (identityFile != null) {
            cmd.add("-i");
            cmd.add(identityFile.toString());
        }
        if (user != null) {
            cmd.add("-l");
            cmd.add(user);
        }
        cmd.add("-o");
        cmd.add("ServerAliveInterval=10");
        cmd.add("-o");
        cmd.add("ServerAliveCountMax=3");
        cmd.add(hosts.get(index % hosts.size()));
        cmd.add("exec " + java.stream().map(WorkerLauncher::shellQuote).collect(Collectors.joining(" ")));
        return List.copyOf(cmd);
    }

    @Override
    String location(int index) {
        String host = hosts.get(index % hosts.size());
        return " on " + (user != null && !host.contains("@") ? user + "@" : "") + host + (port != 0 ? ":" + port : "")
                + " (ssh)";
    }

    @Override
    public String toString() {
        return "SshLauncher[hosts=" + hosts + ", user=" + (user == null ? "default" : user) + ", port="
                + (port == 0 ? "default" : port) + ", identityFile=" + (identityFile == null ? "default" : identityFile)
                + ", sshOptions=" + sshOptions + ", sshCommand=" + sshCommand + ", " + remote + "]";
    }
}
