package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how worker JVMs are started: on this machine (the default), or through a program that
 * starts a command elsewhere with its stdin and stdout connected: {@code ssh}, SLURM's {@code srun},
 * or any command prefix such as {@code kubectl exec -i pod --}. A worker needs nothing but its stdin
 * and stdout, so every such launcher serves; regpy4j manages no cluster of its own.
 *
 * <pre>{@code
 * WorkerOptions ssh = WorkerOptions.defaults().withLauncher(
 *         WorkerLauncher.ssh(List.of("node1", "node2")).withUser("alice").withIdentityFile(Path.of("/home/alice/.ssh/id_ed25519")));
 * WorkerOptions slurm = WorkerOptions.defaults().withLauncher(WorkerLauncher.srun().withCpusPerTask(4));
 * WorkerOptions kube = WorkerOptions.defaults().withLauncher(
 *         WorkerLauncher.commandPrefix(List.of("kubectl", "exec", "-i", "solver-0", "--")));
 * }</pre>
 *
 * <p>What differs for every launcher but {@link #local()}:
 * <ul>
 *   <li>The worker runs {@link #remoteJava()} with {@link #remoteClasspath()}; both default to this
 *       JVM's own {@code java} and classpath, which is right on a shared file system. The classpath
 *       goes on the command line (no {@code @argfile}: the file would be on the wrong machine).</li>
 *   <li>No shared memory ({@code /dev/shm} is per machine) and no class-data-sharing archive:
 *       {@link WorkerOptions#sharedMemoryThreshold()} and {@link WorkerOptions#classDataSharing()}
 *       say off whatever was set.</li>
 *   <li>Heartbeats: while no call is running, the parent pings each worker every quarter of
 *       {@link #idleSilence()}, and a worker that hears nothing for that long while idle exits by
 *       itself. This covers transports that do not pass end of file on when the parent is gone. A
 *       worker also exits when its stdin ends, and when the process that started it (sshd,
 *       slurmstepd) is gone.</li>
 *   <li>At the handshake a worker whose regpy4j is another version than the parent's is refused,
 *       naming both versions.</li>
 * </ul>
 *
 * <p>Immutable; each {@code with…} returns a new instance. The launcher's whole effect shows in the
 * command line of each worker (its first words are the launcher's program).
 */
public abstract sealed class WorkerLauncher permits WorkerLauncher.Local, SshLauncher, SrunLauncher, CommandPrefixLauncher {

    /**
     * The default silence after which an idle remote worker exits: 90 s, far above a long GC pause
     * of the parent, and above {@link ParallelExecutionManager#DEFAULT_IDLE_TIMEOUT} (60 s), so a
     * worker kept idle in a manager's pool (where no heartbeats reach it) is ended by the pool first.
     */
    public static final Duration DEFAULT_IDLE_SILENCE = Duration.ofSeconds(90);


    /** What every remote launcher has: the JVM to run, its classpath, and the silence an idle worker tolerates. */
    record Remote(String java, String classpath, Duration idleSilence) {
        static final Remote DEFAULTS = new Remote(null, null, DEFAULT_IDLE_SILENCE);

        Remote withJava(String j) {
            return new Remote(requireWord(j, "remote java command"), classpath, idleSilence);
        }

        Remote withClasspath(String cp) {
            return new Remote(java, requireWord(cp, "remote classpath"), idleSilence);
        }

        Remote withIdleSilence(Duration d) {
            if (d != null && (d.isNegative() || d.isZero() || d.toMillis() < 1000)) {
                throw new IllegalArgumentException("idle silence must be at least 1 s (heartbeats go every quarter of it)"
                        + " but is " + d);
            }
            return new Remote(java, classpath, d);
        }

        @Override
        public String toString() {
            return "java=" + (java == null ? "local" : java) + ", classpath=" + (classpath == null ? "local" : classpath)
                    + ", idleSilence=" + (idleSilence == null ? "off" : idleSilence);
        }
    }

    WorkerLauncher() {}

    /** @return the default launcher: a child process of this JVM, on this machine */
    public static WorkerLauncher local() {
        return Local.INSTANCE;
    }

    /**
     * Workers started with {@code ssh -T -o BatchMode=yes … host 'exec java …'}, assigned to the
     * hosts round-robin by worker index. The remote login shell must be a POSIX shell (sh, bash,
     * dash, zsh), which runs the quoted command.
     *
     * @param hosts host names or addresses, at least one; a worker {@code i} runs on {@code hosts[i % n]}. Not modified (copied).
     * @return an SSH launcher with the current user name, port 22 and the default identity of {@code ssh}
     * @throws IllegalArgumentException if the list is empty, or a host is null, blank, or starts with {@code -}
     */
    public static SshLauncher ssh(List<String> hosts) {
        return new SshLauncher(hosts);
    }

    /**
     * @param hosts host names or addresses, at least one; see {@link #ssh(List)}
     * @return an SSH launcher for these hosts
     * @throws IllegalArgumentException if there is none, or a host is null, blank, or starts with {@code -}
     */
    public static SshLauncher ssh(String... hosts) {
        return new SshLauncher(hosts == null ? null : java.util.Arrays.asList(hosts));
    }

    /**
     * Workers started as SLURM job steps with {@code srun --nodes=1 --ntasks=1 --cpus-per-task=C
     * --exclusive --unbuffered … java …}, one task per worker, inside the current allocation ({@code
     * salloc} or an {@code sbatch} script): srun places each step on the allocation's nodes.
     *
     * @return an srun launcher with one CPU per task
     */
    public static SrunLauncher srun() {
        return new SrunLauncher();
    }

    /**
     * Workers started as {@code prefix… java …}: the prefix is any command that runs the rest of its
     * arguments, as separate words without a shell, somewhere else with stdin and stdout connected,
     * e.g. {@code kubectl exec -i pod --} or {@code docker exec -i container}.
     *
     * @param prefix the program and its arguments, at least the program. Not modified (copied).
     * @return a launcher with that prefix
     * @throws IllegalArgumentException if the prefix is empty or holds a null or blank word
     */
    public static CommandPrefixLauncher commandPrefix(List<String> prefix) {
        return new CommandPrefixLauncher(prefix);
    }

    /** @return whether workers run as child processes of this JVM on this machine */
    public boolean isLocal() {
        return false;
    }

    /** @return the {@code java} to run on the remote side; empty for this JVM's own */
    public Optional<String> remoteJava() {
        return Optional.ofNullable(remote().java());
    }

    /** @return the classpath to use on the remote side; empty for this JVM's own */
    public Optional<String> remoteClasspath() {
        return Optional.ofNullable(remote().classpath());
    }

    /**
     * @return the silence after which an idle worker exits by itself, the parent pinging every
     *     quarter of it; empty when off (always for {@link #local()})
     */
    public Optional<Duration> idleSilence() {
        return Optional.ofNullable(remote().idleSilence());
    }

    /** @return the remote settings; the local launcher has none */
    abstract Remote remote();

    /**
     * @param index the worker's index
     * @param java the worker's JVM command line, as the remote side must run it
     * @return the command line that starts it through this launcher
     */
    abstract List<String> wrap(int index, List<String> java);

    /** @return where worker {@code index} runs, for names and messages, e.g. {@code " on alice@node1:22 (ssh)"}; empty when local */
    abstract String location(int index);

    static List<String> words(List<String> list, String what, boolean allowEmpty) {
        if (list == null) {
            throw new IllegalArgumentException(what + " is null; pass List.of() for none");
        }
        if (list.isEmpty() && !allowEmpty) {
            throw new IllegalArgumentException(what + " is empty but needs at least one word");
        }
        List<String> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String w = list.get(i);
            if (w == null || w.isBlank()) {
                throw new IllegalArgumentException(what + ": word " + i + " is " + (w == null ? "null" : "blank")
                        + " in " + list);
            }
            copy.add(w);
        }
        return List.copyOf(copy);
    }

    static String requireWord(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank string but is " + (s == null ? "null" : "'" + s + "'"));
        }
        return s;
    }

    /**
     * Quotes a word for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}; words of only safe
     * characters stay as they are.
     *
     * @param word any string
     * @return the word as one shell word
     */
    static String shellQuote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The default: a child process of this JVM. */
    static final class Local extends WorkerLauncher {
        // Held here, not in a static field of WorkerLauncher: a superclass whose initializer
        // creates its own subclass can deadlock two threads initializing both.
        static final Local INSTANCE = new Local();
        private static final Remote NONE = new Remote(null, null, null);

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        Remote remote() {
            return NONE;
        }

        @Override
        List<String> wrap(int index, List<String> java) {
            return java;
        }

        @Override
        String location(int index) {
            return "";
        }

        @Override
        public String toString() {
            return "WorkerLauncher.local()";
        }
    }

    // getClass, not instanceof: launchers of different kinds are never equal, whatever their descriptions.
    @SuppressWarnings("EqualsGetClass")
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), toString());
    }
}
