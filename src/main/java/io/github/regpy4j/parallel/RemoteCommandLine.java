package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.OperatorWorker;
import io.github.regpy4j.worker.internal.WorkerSettings;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JVM command line of a worker started by a launcher other than the local one: the remote
 * {@code java} and classpath (this JVM's by default), the default flags and G1 ({@link
 * DefaultCollector}), the idle silence as a
 * system property, the user's flags, {@code -cp} and {@link OperatorWorker}. No {@code @argfile}
 * (it would be on the wrong machine) and no class-data-sharing archive.
 */
final class RemoteCommandLine {

    /**
     * A remote command line longer than this is refused: Linux refuses a single argument over 128 KiB,
     * and ssh passes the whole remote command as one.
     */
    static final int MAX_LENGTH = 120 * 1024;

    private RemoteCommandLine() {}

    static List<String> java(WorkerOptions options, Collection<Class<?>> classes) {
        WorkerLauncher launcher = options.launcher();
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.remoteJava().orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        // The environment too, as for the collector: srun passes it on (ssh does not, and then the
        // initial heap is left out for nothing, which is harmless).
        cmd.addAll(DefaultHeap.withoutInitialAboveCap(WorkerCommandLine.DEFAULT_FLAGS, options.jvmArgs(),
                UserFlags.environment()));
        DefaultCollector.flagFor(options.jvmArgs(), 0, false).ifPresent(cmd::add);
        launcher.idleSilence().ifPresent(d -> cmd.add("-D" + WorkerSettings.IDLE_SILENCE_PROPERTY + "=" + d.toMillis()));
        cmd.addAll(StdoutLogging.toStderr(options.jvmArgs()));
        cmd.add("-cp");
        String classpath = launcher.remoteClasspath().orElseGet(() -> WorkerCommandLine.classpath(classes));
        cmd.add(classpath);
        cmd.add(OperatorWorker.class.getName());
        int length = cmd.stream().mapToInt(w -> w.length() + 3).sum();
        if (length > MAX_LENGTH) {
            throw new WorkerStartupException("the worker's command line for " + launcher + " has " + length
                    + " characters (a classpath of " + classpath.length() + ") but at most " + MAX_LENGTH
                    + " can pass as one remote command; set a shorter remote classpath, e.g. a directory"
                    + " wildcard such as /shared/app/lib/*, with withRemoteClasspath");
        }
        return List.copyOf(cmd);
    }
}
