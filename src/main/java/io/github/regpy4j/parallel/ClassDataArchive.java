package io.github.regpy4j.parallel;

import com.esotericsoftware.kryo.Kryo;
import io.github.regpy4j.worker.Hello;
import io.github.regpy4j.worker.OperatorWorker;
import io.github.regpy4j.worker.WorkerTraining;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AppCDS archive of the classes a worker loads on its way to its first answer: the JDK's, Kryo's
 * and regpy4j's. A worker that maps it starts in about half the time (ANCHORS.md: 142 → 90 ms).
 *
 * <p>JDK 17 archives classes from jars only, and refuses to record when a directory on the
 * classpath is not empty; so the archive covers a prefix of the worker classpath made of the
 * runtime's jars (regpy4j itself is put into a jar here when it runs from a directory), and the
 * user's classpath follows unchanged. The archive is keyed by JDK and by the runtime jars' names,
 * sizes and dates, recorded once (a worker serves a training session, then a static dump of the
 * classes it loaded, about 1 s) and skipped silently when it cannot be made or used. Its heap
 * objects are mapped by workers under G1, their default collector.
 */
final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final Object LOCK = new Object();
    /**
     * The archive once prepared: the runtime's jars and classes do not change within a JVM, so the
     * key (a walk over every runtime class file) is computed once, not for every parallel operator.
     */
    private static Archive prepared;
    private static boolean tried;

    /** The jars the archive covers, then the archive file. */
    record Archive(List<Path> runtimeClasspath, Path file) {}

    private ClassDataArchive() {}

    /**
     * @return the archive for this JDK and runtime, recorded now if it does not exist yet; {@code
     *     null} if it cannot be made
     */
    static Archive prepare() {
        synchronized (LOCK) {
            if (tried && (prepared == null || Files.isRegularFile(prepared.file()))) {
                return prepared;
            }
            tried = true;
            try {
                prepared = prepareOrThrow();
                return prepared;
            } catch (IOException | RuntimeException e) {
                LOG.debug("no class-data-sharing archive for workers: {}", e.toString());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static Archive prepareOrThrow() throws IOException, InterruptedException {
        Set<Path> locations = new LinkedHashSet<>();
        for (Class<?> c : List.of(OperatorWorker.class, Kryo.class, org.objenesis.Objenesis.class,
                com.esotericsoftware.minlog.Log.class, com.esotericsoftware.reflectasm.FieldAccess.class,
                org.slf4j.LoggerFactory.class)) {
            locations.add(location(c));
        }
        Path cache = cacheDirectory();
        String key = key(locations);
        Path dir = cache.resolve(key);
        Files.createDirectories(dir);
        List<Path> jars = new ArrayList<>();
        for (Path p : locations) {
            if (Files.isDirectory(p)) {
                jars.add(jarOf(p, dir.resolve("classes-" + jars.size() + ".jar")));
            } else if (!p.toUri().getRawPath().equals(p.toUri().getPath())) {
                // A path that a URL must escape ('?', a space) is recorded as it is but seen escaped
                // when a class loads, and the JVM then takes no class of that jar from the archive.
                jars.add(copyOf(p, dir.resolve("lib-" + jars.size() + ".jar")));
            } else {
                jars.add(p);
            }
        }
        Path jsa = dir.resolve("worker.jsa");
        if (!Files.isRegularFile(jsa)) {
            record(jars, jsa);
        }
        return new Archive(List.copyOf(jars), jsa);
    }

    private static Path location(Class<?> c) throws IOException {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IOException("no location for " + c.getName());
        }
        try {
            return Paths.get(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("location of " + c.getName() + " is not a file: " + cs.getLocation(), e);
        }
    }

    private static Path cacheDirectory() throws IOException {
        // A uid without a password entry gets user.home "?" (and user.name "?"): a relative path
        // that would land in whatever directory the JVM was started from.
        Path home = Paths.get(System.getProperty("user.home", ""), ".cache", "regpy4j", "cds");
        if (home.isAbsolute()) {
            try {
                Files.createDirectories(home);
                if (Files.isWritable(home)) {
                    return home;
                }
            } catch (IOException | RuntimeException e) {
                // Fall through to the temporary directory.
            }
        }
        String user = System.getProperty("user.name", "?").replaceAll("[^A-Za-z0-9._-]", "_");
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"), "regpy4j-cds-" + user).toAbsolutePath();
        return Files.createDirectories(tmp);
    }

    /** JDK, protocol, default flags, and every runtime location with its size and date, hashed. */
    private static String key(Set<Path> locations) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(System.getProperty("java.home")).append('|').append(System.getProperty("java.vm.version"))
                .append('|').append(Hello.PROTOCOL_VERSION).append('|').append(WorkerCommandLine.DEFAULT_FLAGS)
                .append("|static");
        for (Path p : locations) {
            s.append('|').append(p);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        s.append(';').append(p.relativize(f)).append(':').append(Files.size(f)).append(':')
                                .append(Files.getLastModifiedTime(f).toMillis());
                    }
                }
            } else {
                s.append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "v" + Hello.PROTOCOL_VERSION + "-" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static Path copyOf(Path jar, Path copy) throws IOException {
        if (!Files.isRegularFile(copy)) {
            Path tmp = Files.createTempFile(copy.getParent(), "lib-", ".tmp");
            try {
                Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return copy;
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path tmp = Files.createTempFile(jar.getParent(), "classes-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    /**
     * Records the archive in two steps: a real worker serves {@link WorkerTraining#session()} and
     * its JVM lists every class it loads, lambda shapes included; then a static dump archives
     * those classes with the heap objects that go with them (interned strings, the module graph).
     * A static archive, unlike one written at a worker's exit, also holds the JDK's classes and
     * the method-handle code the lambdas of a start need, and under G1 spares the module system's
     * initialization: about a third less CPU per worker start than the dynamic archive, measured.
     */
    private static void record(List<Path> jars, Path jsa) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String classpath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        String pid = Long.toString(ProcessHandle.current().pid());
        Path list = jsa.resolveSibling("worker-" + pid + ".classlist.tmp");
        Path tmp = jsa.resolveSibling("worker-" + pid + ".jsa.tmp");
        try {
            List<String> train = javaCommand();
            train.addAll(WorkerCommandLine.DEFAULT_FLAGS);
            train.add("-XX:DumpLoadedClassList=" + list);
            train.addAll(List.of("-cp", classpath, OperatorWorker.class.getName()));
            run(train, WorkerTraining.session(), "the training worker");
            if (!Files.isRegularFile(list)) {
                throw new IOException("the training worker listed no classes");
            }
            List<String> dump = javaCommand();
            dump.addAll(List.of("-XX:+UseG1GC", "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp,
                    "-Xlog:disable", "-Xlog:all=error:stderr", "-cp", classpath));
            run(dump, null, "the archive dump");
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the archive dump wrote no archive");
            }
            Files.move(tmp, jsa, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("recorded a class-data-sharing archive for workers in {} ms: {}", (System.nanoTime() - t0) / 1_000_000,
                    jsa);
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(tmp);
        }
    }

    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        return cmd;
    }

    /** Runs one step of the recording with {@code stdin} as its input; stdout is discarded, stderr quoted on failure. */
    private static void run(List<String> cmd, byte[] stdin, String what) throws IOException, InterruptedException {
        Path log = Files.createTempFile("regpy4j-cds-", ".log");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // The process ended early: its exit status and stderr say why.
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException(what + " took over 60 s");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new IOException(what + " failed with exit status " + p.exitValue()
                        + (err.isEmpty() ? "" : ": " + err.substring(Math.max(0, err.length() - 2000))));
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
