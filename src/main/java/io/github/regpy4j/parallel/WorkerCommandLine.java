package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.OperatorWorker;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The command line of a worker JVM: the {@code java} of {@code java.home}, the runtime's default
 * flags, the user's flags, the classpath and {@link OperatorWorker}.
 *
 * <p>The classpath is {@code java.class.path} plus every URL of a {@link URLClassLoader} above the
 * context class loader, plus the locations of the operators' classes: under {@code mvn exec:java}
 * {@code java.class.path} is only Maven's launcher jar, and the operator classes live in a class
 * loader of Maven's. A long classpath goes through an {@code @argfile}, since Linux refuses a
 * single argument over 128 KiB.
 */
final class WorkerCommandLine {

    /**
     * Flags every worker gets before the user's:
     * <ul>
     *   <li>none that selects the garbage collector: {@link DefaultCollector} chooses one by the
     *       size of the worker's vectors, unless the user does;</li>
     *   <li>a small initial heap (left out when the user caps the heap below it: {@link
     *       DefaultHeap#withoutInitialAboveCap}), larger for workers whose vectors are bulk data ({@link
     *       DefaultHeap#initialFlagFor}, with transparent huge pages: {@link
     *       DefaultHeap#hugePagesFlagFor}; the maximum: see {@link DefaultHeap}, all added after
     *       these unless the user sets the heap); no {@code hsperfdata} file that a killed JVM would leave in
     *       {@code /tmp}; JVM warnings, and the JVM's own output ({@code -XX:+PrintCompilation}), to
     *       stderr, since stdout is the protocol channel (the user's log flags too: {@link
     *       StdoutLogging});</li>
     *   <li>compilation thresholds 4× the default: a worker's start runs much code a few times, and
     *       compiling it cost a third of a cold worker's CPU (profiled), paid by every worker of a
     *       start of many on few cores (8 cold workers on 2 cores: 1.1 → 0.77 s). The price is a
     *       slower warm-up: a fresh worker's first 1000 small calls take about 3× as long, and it
     *       comes within 20 % of its steady state after about 5000 (BENCHMARKS.md, {@code
     *       WarmupProbe}), about 0.2 s of CPU per worker in all. The flagship example, 10 workers
     *       and a few hundred calls, is faster overall (5.1 against 5.4 s). For long runs of many
     *       small calls, {@code withJvmArgs(List.of("-XX:CompileThresholdScaling=1"))}.</li>
     * </ul>
     */
    static final List<String> DEFAULT_FLAGS = List.of(DefaultHeap.BASE_INITIAL_FLAG, "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-Djava.awt.headless=true",
            "-XX:CompileThresholdScaling=4");

    /**
     * On Linux, {@code setsid} before {@code java}: each worker leads a process group of its own
     * (same pid: {@code setsid} only forks when its caller already leads a group, which a child of
     * the JVM does not), so the processes its operator starts stay findable by that group after
     * the worker died (see {@link WorkerProcess#endGroups}). {@code null} where there is none.
     */
    static final String SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(f -> Files.isExecutable(Paths.get(f)) && Files.isDirectory(Paths.get("/proc/self")))
            .findFirst().orElse(null);

    /** Above this many characters the classpath goes into an argfile. */
    private static final int ARGFILE_THRESHOLD = 32 * 1024;

    private final List<String> command;
    private final Path argFile;
    private final List<String> reuseKey;
    private final WorkerLauncher launcher;

    private WorkerCommandLine(List<String> command, Path argFile, List<String> reuseKey, WorkerLauncher launcher) {
        this.command = command;
        this.argFile = argFile;
        this.reuseKey = reuseKey;
        this.launcher = launcher;
    }

    /**
     * @param options the user's flags
     * @param classes classes the worker must be able to load (the operators' classes)
     * @return the command line; {@link #deleteArgFile()} once the workers have started
     */
    static WorkerCommandLine create(WorkerOptions options, Collection<Class<?>> classes) {
        return create(options, classes, 1);
    }

    /**
     * @param options the user's flags
     * @param classes classes the worker must be able to load (the operators' classes)
     * @param starting how many workers this command line starts: they share the memory with the
     *     live ones when the user sets no heap ({@link DefaultHeap})
     * @return the command line; {@link #deleteArgFile()} once the workers have started
     */
    static WorkerCommandLine create(WorkerOptions options, Collection<Class<?>> classes, int starting) {
        return create(options, classes, starting, 0);
    }

    /**
     * @param options the user's flags
     * @param classes classes the worker must be able to load (the operators' classes)
     * @param starting how many workers this command line starts: they share the memory with the
     *     live ones when the user sets no heap ({@link DefaultHeap})
     * @param largestVectorBytes the largest argument or result of the workers' operators, in bytes:
     *     workers of bulk data start with a larger heap ({@link DefaultHeap#initialFlagFor})
     * @return the command line; {@link #deleteArgFile()} once the workers have started
     */
    static WorkerCommandLine create(WorkerOptions options, Collection<Class<?>> classes, int starting,
            long largestVectorBytes) {
        if (!options.launcher().isLocal()) {
            // The key of a remote worker names its launcher: it is interchangeable only with one started the same way.
            List<String> java = RemoteCommandLine.java(options, classes);
            List<String> key = new ArrayList<>();
            key.add("launcher=" + options.launcher());
            key.addAll(java);
            return new WorkerCommandLine(java, null, List.copyOf(key), options.launcher());
        }
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            cmd.add(SETSID);
        }
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(DefaultHeap.withoutInitialAboveCap(DEFAULT_FLAGS, options.jvmArgs(), UserFlags.environment()));
        List<String> archiveFlags = List.of();
        String classpath = classpath(classes);
        ClassDataArchive.Archive archive = options.classDataSharing() ? ClassDataArchive.prepare() : null;
        if (archive != null) {
            // The archive's jars first: CDS and the AOT cache need the recorded classpath as a prefix.
            if (!(archive.kind() == ClassDataArchive.Kind.AOT_CACHE && choosesSharing(options.jvmArgs()))) {
                archiveFlags = archive.flags();
            }
            classpath = String.join(File.pathSeparator, archive.runtimeClasspath().stream().map(Path::toString).toList())
                    + File.pathSeparator + classpath;
        }
        // Not part of the reuse key, as the heap below: an idle worker keeps the collector it was started with.
        String collector = DefaultCollector.flagFor(options.jvmArgs(), largestVectorBytes, true).orElse(null);
        List<String> collectorFlags = DefaultCollector.flagsWith(collector);
        cmd.addAll(collectorFlags);
        cmd.addAll(archiveFlags);
        // Not part of the reuse key: an idle worker keeps the heap it was started with.
        OptionalLong maxHeap = DefaultHeap.maxHeapFor(options.jvmArgs(), starting);
        String defaultHeap = DefaultHeap.maxFlag(maxHeap).orElse(null);
        String initialHeap = DefaultHeap.initialFlagFor(options.jvmArgs(), maxHeap, largestVectorBytes,
                DefaultCollector.SERIAL.equals(collector)).orElse(null);
        if (defaultHeap != null) {
            cmd.add(defaultHeap);
        }
        if (initialHeap != null) {
            cmd.add(initialHeap);
        }
        String hugePages = DefaultHeap.hugePagesFlagFor(options.jvmArgs(), largestVectorBytes).orElse(null);
        if (hugePages != null) {
            cmd.add(hugePages);
        }
        cmd.addAll(StdoutLogging.toStderr(options.jvmArgs()));
        Path argFile = null;
        if (classpath.length() > ARGFILE_THRESHOLD) {
            try {
                argFile = Files.createTempFile("regpy4j-classpath-", ".args");
                argFile.toFile().deleteOnExit();
                Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                        StandardCharsets.UTF_8);
                cmd.add("@" + argFile);
            } catch (IOException e) {
                throw new WorkerStartupException("cannot write the classpath argfile for the workers: " + e, e);
            }
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
        }
        cmd.add(OperatorWorker.class.getName());
        List<String> key = new ArrayList<>();
        for (String c : cmd) {
            if (c.equals(defaultHeap) || c.equals(initialHeap) || c.equals(hugePages) || collectorFlags.contains(c)) {
                continue;
            }
            if (argFile != null && c.equals("@" + argFile)) {
                key.add("-cp");
                key.add(classpath);
            } else {
                key.add(c);
            }
        }
        return new WorkerCommandLine(List.copyOf(cmd), argFile, List.copyOf(key), options.launcher());
    }

    /**
     * @return whether the user's flags choose class-data sharing themselves: a JVM refuses to start
     *     with {@code -XX:AOTCache} beside any of these, so the AOT cache then gives way
     */
    static boolean choosesSharing(List<String> jvmArgs) {
        return jvmArgs.stream().anyMatch(a -> a.startsWith("-Xshare:") || a.startsWith("-XX:SharedArchiveFile=")
                || a.startsWith("-XX:SharedClassListFile=") || a.startsWith("-XX:DumpLoadedClassList=")
                || a.startsWith("-XX:AOTCache") || a.startsWith("-XX:AOTConfiguration=")
                || a.startsWith("-XX:ArchiveClassesAtExit="));
    }

    /** @return the full command line of worker {@code index}, launcher included (SSH hosts go round-robin) */
    List<String> command(int index) {
        return launcher.wrap(index, command);
    }

    /** @return where worker {@code index} runs, e.g. {@code " on node1:22 (ssh)"}; empty for a local worker */
    String location(int index) {
        return launcher.location(index);
    }

    /**
     * @return the command with the classpath spelled out: two workers started from equal keys
     *     are interchangeable (same JVM, flags, classpath, launcher)
     */
    List<String> reuseKey() {
        return reuseKey;
    }

    void deleteArgFile() {
        if (argFile != null) {
            try {
                Files.deleteIfExists(argFile);
            } catch (IOException e) {
                // deleteOnExit remains as the fallback.
            }
        }
    }

    static String classpath(Collection<Class<?>> classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    addLocation(entries, url);
                }
            }
        }
        List<Class<?>> needed = new ArrayList<>(classes);
        needed.add(OperatorWorker.class);
        needed.add(com.esotericsoftware.kryo.Kryo.class);
        needed.add(org.objenesis.Objenesis.class);
        needed.add(org.slf4j.LoggerFactory.class);
        for (Class<?> c : needed) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                addLocation(entries, cs.getLocation());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addLocation(Set<String> entries, URL url) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            entries.add(Paths.get(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a plain file location: nothing a child JVM could use.
        }
    }
}
