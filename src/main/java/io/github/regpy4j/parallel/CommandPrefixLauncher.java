package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts workers as {@code prefix… java … OperatorWorker}, for any program that runs its remaining
 * arguments elsewhere with stdin and stdout connected: {@code kubectl exec -i pod --}, {@code docker
 * exec -i container}, {@code nsenter …}. The JVM's words are passed as separate arguments, without
 * a shell; for {@code ssh}, whose remote side does go through a shell, use {@link SshLauncher}.
 * Made by {@link WorkerLauncher#commandPrefix(List)}; immutable.
 */
public final class CommandPrefixLauncher extends WorkerLauncher {

    private final List<String> prefix;
    private final Remote remote;

    CommandPrefixLauncher(List<String> prefix) {
        this(words(prefix, "command prefix", false), Remote.DEFAULTS);
    }

    private CommandPrefixLauncher(List<String> prefix, Remote remote) {
        this.prefix = prefix;
        this.remote = remote;
    }

    /**
     * @param java the {@code java} to run on the remote side; default: this JVM's
     * @return a launcher that runs it
     * @throws IllegalArgumentException if null or blank
     */
    public CommandPrefixLauncher withRemoteJava(String java) {
        return new CommandPrefixLauncher(prefix, remote.withJava(java));
    }

    /**
     * @param classpath the classpath on the remote side; default: this JVM's
     * @return a launcher that uses it
     * @throws IllegalArgumentException if null or blank
     */
    public CommandPrefixLauncher withRemoteClasspath(String classpath) {
        return new CommandPrefixLauncher(prefix, remote.withClasspath(classpath));
    }

    /**
     * @param silence how long an idle worker waits without hearing from the parent before it exits,
     *     at least 1 s; default {@link WorkerLauncher#DEFAULT_IDLE_SILENCE}
     * @return a launcher with this silence
     * @throws IllegalArgumentException if null or shorter than 1 s
     */
    public CommandPrefixLauncher withIdleSilence(Duration silence) {
        if (silence == null) {
            throw new IllegalArgumentException("idle silence is null; use withoutIdleSilence() to turn it off");
        }
        return new CommandPrefixLauncher(prefix, remote.withIdleSilence(silence));
    }

    /** @return a launcher without heartbeats */
    public CommandPrefixLauncher withoutIdleSilence() {
        return new CommandPrefixLauncher(prefix, remote.withIdleSilence(null));
    }

    /** @return the prefix, unmodifiable */
    public List<String> prefix() {
        return prefix;
    }

    @Override
    Remote remote() {
        return remote;
    }

    @Override
    List<String> wrap(int index, List<String> java) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(java);
        return List.copyOf(cmd);
    }

    @Override
    String location(int index) {
        return " (via " + String.join(" ", prefix) + ")";
    }

    @Override
    public String toString() {
        return "CommandPrefixLauncher[prefix=" + prefix + ", " + remote + "]";
    }
}
