package io.github.regpy4j.parallel;

import com.esotericsoftware.kryo.Kryo;
import io.github.regpy4j.worker.internal.Hello;
import io.github.regpy4j.worker.OperatorWorker;
import io.github.regpy4j.worker.internal.WorkerTraining;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An archive of the classes a worker loads on its way to its first answers: the JDK's, Kryo's and
 * regpy4j's. A worker that maps it starts in about half the time (ANCHORS.md: 142 → 90 ms). On
 * JDK 24 and later it is the JDK's AOT cache (JEP 483), recorded from a training worker that
 * serves thousands of small calls, so that it also holds the classes linked and, from JDK 25 on,
 * the method profiles of that run (JEP 515): a fresh worker compiles its hot code sooner. On JDK
 * 17 to 23 it is a static AppCDS archive.
 *
 * <p>JDK 17 archives classes from jars only, and refuses to record when a directory on the
 * classpath is not empty (the AOT cache has the same rule); so the archive covers a prefix of the
 * worker classpath made of the runtime's jars (regpy4j itself is put into a jar here when it runs
 * from a directory), and the user's classpath follows unchanged. The archive is keyed by JDK and by
 * the runtime jars' names, sizes and dates, recorded once (about 1 s; a few seconds for the AOT
 * cache) and skipped when it cannot be made or used. Its heap objects are mapped by workers under
 * G1, their default collector.
 *
 * <p>Trust: what lies in the cache goes first on every worker's classpath, so the cache is used
 * only in a {@linkplain PrivateCacheDirectory directory} that nobody but this user can have
 * written (else one WARN, and workers start without it); the jars made there are checked against
 * their sources by SHA-256 before each JVM first uses them; and only the {@value #KEEP} most
 * recently used archives are kept.
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

    /** How many archives (one per JDK and runtime version) the cache keeps; older ones are deleted. */
    static final int KEEP = 3;
    /** The names of archive directories, as {@link #key} makes them. */
    static final Pattern ARCHIVE_NAME = Pattern.compile("v\\d+-[0-9a-f]{24}");
    /** Calls of each kind the training worker of an AOT cache serves: enough for its hot methods to be profiled. */
    static final int AOT_TRAINING_ROUNDS = 2000;
    /** Whether the cache was found untrusted already: said once per JVM. */
    private static boolean warned;

    /** What kind of archive the worker JVM takes. */
    enum Kind {
        /** A static AppCDS archive: {@code -XX:SharedArchiveFile} (JDK 17–23). */
        APP_CDS,
        /** The AOT cache of JEP 483, with JEP 515's method profiles on 25: {@code -XX:AOTCache} (JDK 24+). */
        AOT_CACHE;

        /** @return the kind for a worker JVM of this feature release */
        static Kind forJdk(int feature) {
            return feature >= 24 ? AOT_CACHE : APP_CDS;
        }
    }

    /**
     * The jars the archive covers, then the archive file.
     *
     * @param runtimeClasspath jars that must come first on the worker's classpath, in this order
     * @param file the archive
     * @param kind how the worker JVM is told to map it
     */
    record Archive(List<Path> runtimeClasspath, Path file, Kind kind) {
        /** @return the worker JVM flags that map the archive, skipped by the JVM if it does not fit */
        List<String> flags() {
            return kind == Kind.AOT_CACHE ? List.of("-XX:AOTCache=" + file)
                    : List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto");
        }
    }

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
            prepared = prepare(null);
            return prepared;
        }
    }

    /**
     * @param cache the cache directory, or {@code null} for the user's ({@code ~/.cache/regpy4j/cds},
     *     else {@code <tmpdir>/regpy4j-cds-<uid>})
     * @return the archive for this JDK and runtime in {@code cache}, recorded now if it does not
     *     exist yet; {@code null} if it cannot be made, or if the cache is not private to this user
     *     (said once per JVM, as a WARN)
     */
    static Archive prepare(Path cache) {
        synchronized (LOCK) {
            try {
                return prepareOrThrow(cache == null ? cacheDirectory() : cache);
            } catch (PrivateCacheDirectory.UntrustedException e) {
                if (!warned) {
                    warned = true;
                    LOG.warn("workers start without a class-data-sharing archive: its cache is not private to this "
                            + "user ({}); remove it or make it owner-only (chmod 700) to use one", e.getMessage());
                }
                return null;
            } catch (IOException | RuntimeException e) {
                LOG.debug("no class-data-sharing archive for workers: {}", e.toString());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static Archive prepareOrThrow(Path cacheRoot) throws IOException, InterruptedException {
        Set<Path> locations = new LinkedHashSet<>();
        for (Class<?> c : List.of(OperatorWorker.class, Kryo.class, org.objenesis.Objenesis.class,
                com.esotericsoftware.minlog.Log.class, com.esotericsoftware.reflectasm.FieldAccess.class,
                org.slf4j.LoggerFactory.class)) {
            locations.add(location(c));
        }
        Kind kind = Kind.forJdk(Runtime.version().feature());
        Path cache = PrivateCacheDirectory.createOrCheck(cacheRoot);
        Path dir = PrivateCacheDirectory.createOrCheck(cache.resolve(key(locations, kind)));
        List<Path> jars;
        try {
            jars = runtimeJars(locations, dir);
        } catch (CachedJarMismatch e) {
            // Written by us, checked as ours, yet not what it was made from: start this version afresh.
            LOG.warn("a cached jar for workers does not match its source and is made again: {}", e.getMessage());
            PrivateCacheDirectory.keepNewest(cache, Pattern.compile(Pattern.quote(dir.getFileName().toString())), 0);
            PrivateCacheDirectory.createOrCheck(dir);
            jars = runtimeJars(locations, dir);
        }
        Path file = dir.resolve(kind == Kind.AOT_CACHE ? "worker.aot" : "worker.jsa");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            if (kind == Kind.AOT_CACHE) {
                recordAotCache(jars, file);
            } else {
                record(jars, file);
            }
        }
        PrivateCacheDirectory.check(file, false);
        PrivateCacheDirectory.touch(dir);
        for (Path old : PrivateCacheDirectory.keepNewest(cache, ARCHIVE_NAME, KEEP)) {
            LOG.debug("deleted an older worker archive: {}", old);
        }
        return new Archive(List.copyOf(jars), file, kind);
    }

    /**
     * The runtime's locations as jars: a jar whose path needs no escaping as it is, any other one
     * copied into {@code dir}, a directory of classes packed into a jar there. Each jar in {@code
     * dir} is checked by SHA-256 against its source, whether made now or found.
     */
    private static List<Path> runtimeJars(Set<Path> locations, Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path p : locations) {
            if (Files.isDirectory(p)) {
                Path jar = jarOf(p, dir.resolve("classes-" + jars.size() + ".jar"));
                PrivateCacheDirectory.check(jar, false);
                verifyJarHolds(jar, p);
                jars.add(jar);
            } else if (!p.toUri().getRawPath().equals(p.toUri().getPath())) {
                // A path that a URL must escape ('?', a space) is recorded as it is but seen escaped
                // when a class loads, and the JVM then takes no class of that jar from the archive.
                Path copy = copyOf(p, dir.resolve("lib-" + jars.size() + ".jar"));
                PrivateCacheDirectory.check(copy, false);
                if (!Arrays.equals(sha256(copy), sha256(p))) {
                    throw new CachedJarMismatch(copy + " differs from " + p + " (SHA-256)");
                }
                jars.add(copy);
            } else {
                jars.add(p);
            }
        }
        return jars;
    }

    /** Every file of {@code classes} is an entry of {@code jar} with the same SHA-256, and nothing else is. */
    static void verifyJarHolds(Path jar, Path classes) throws IOException {
        Map<String, byte[]> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                expected.put(classes.relativize(f).toString().replace(File.separatorChar, '/'), sha256(f));
            }
        }
        try (JarFile j = new JarFile(jar.toFile(), false)) {
            for (JarEntry e : (Iterable<JarEntry>) j.stream()::iterator) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] want = expected.remove(e.getName());
                byte[] got;
                try (InputStream in = j.getInputStream(e)) {
                    got = sha256(in);
                }
                if (want == null || !Arrays.equals(want, got)) {
                    throw new CachedJarMismatch(jar + "!" + e.getName() + (want == null ? " is not in " + classes
                            : " differs from its class file in " + classes + " (SHA-256)"));
                }
            }
        }
        if (!expected.isEmpty()) {
            throw new CachedJarMismatch(jar + " lacks " + expected.size() + " files of " + classes + ", e.g. "
                    + expected.keySet().iterator().next());
        }
    }

    private static byte[] sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return sha256(in);
        }
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest d = sha256();
        byte[] b = new byte[1 << 16];
        for (int n; (n = in.read(b)) > 0;) {
            d.update(b, 0, n);
        }
        return d.digest();
    }

    private static MessageDigest sha256() throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("this JDK has no SHA-256", e);
        }
    }

    /** A jar in the cache that is not what it was made from. */
    static final class CachedJarMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        CachedJarMismatch(String message) {
            super(message);
        }
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

    /**
     * {@code ~/.cache/regpy4j/cds} if it can be made there, else {@code <tmpdir>/regpy4j-cds-<uid>};
     * made owner-only, and used only if nobody else can have written it.
     *
     * @throws PrivateCacheDirectory.UntrustedException if the directory chosen is not private
     */
    private static Path cacheDirectory() throws IOException {
        // A uid without a password entry gets user.home "?" (and user.name "?"): a relative path
        // that would land in whatever directory the JVM was started from.
        Path home = Paths.get(System.getProperty("user.home", ""), ".cache", "regpy4j", "cds");
        if (home.isAbsolute()) {
            try {
                return PrivateCacheDirectory.createOrCheck(home);
            } catch (PrivateCacheDirectory.UntrustedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Not writable (a read-only home): the temporary directory.
            }
        }
        long uid = PrivateCacheDirectory.currentUid();
        String user = uid >= 0 ? Long.toString(uid) : System.getProperty("user.name", "?").replaceAll("[^A-Za-z0-9._-]", "_");
        return PrivateCacheDirectory.createOrCheck(
                Paths.get(System.getProperty("java.io.tmpdir"), "regpy4j-cds-" + user).toAbsolutePath());
    }

    /** JDK, protocol, default flags, and every runtime location with its size and date, hashed. */
    private static String key(Set<Path> locations, Kind kind) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(System.getProperty("java.home")).append('|').append(System.getProperty("java.vm.version"))
                .append('|').append(Hello.PROTOCOL_VERSION).append('|').append(WorkerCommandLine.DEFAULT_FLAGS)
                .append(kind == Kind.AOT_CACHE ? "|aot-" + AOT_TRAINING_ROUNDS : "|static");
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
        byte[] d = sha256().digest(s.toString().getBytes(StandardCharsets.UTF_8));
        return "v" + Hello.PROTOCOL_VERSION + "-" + HexFormat.of().formatHex(d, 0, 12);
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
            train.add(DefaultCollector.G1);
            train.add("-XX:DumpLoadedClassList=" + list);
            train.addAll(List.of("-cp", classpath, OperatorWorker.class.getName()));
            run(train, WorkerTraining.session(), "the training worker");
            if (!Files.isRegularFile(list)) {
                throw new IOException("the training worker listed no classes");
            }
            List<String> dump = javaCommand();
            dump.addAll(List.of(DefaultCollector.G1, "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp,
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

    /**
     * Records the AOT cache (JDK 24+) in the JDK's two steps: a real worker with the workers'
     * flags serves {@link WorkerTraining#session(int)} of {@value #AOT_TRAINING_ROUNDS} rounds while
     * the JVM records what it loads and links and, on JDK 25, how its methods ran; then the cache
     * is created from that configuration.
     */
    private static void recordAotCache(List<Path> jars, Path aot) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String classpath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        String pid = Long.toString(ProcessHandle.current().pid());
        Path conf = aot.resolveSibling("worker-" + pid + ".aotconf.tmp");
        Path tmp = aot.resolveSibling("worker-" + pid + ".aot.tmp");
        try {
            List<String> train = javaCommand();
            train.addAll(WorkerCommandLine.DEFAULT_FLAGS);
            train.add(DefaultCollector.G1);
            train.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf, "-cp", classpath,
                    OperatorWorker.class.getName()));
            run(train, WorkerTraining.session(AOT_TRAINING_ROUNDS), "the training worker");
            if (!Files.isRegularFile(conf)) {
                throw new IOException("the training worker wrote no AOT configuration");
            }
            List<String> create = javaCommand();
            create.addAll(WorkerCommandLine.DEFAULT_FLAGS);
            create.add(DefaultCollector.G1);
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + tmp,
                    "-cp", classpath));
            run(create, null, "the AOT cache creation");
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the AOT cache creation wrote no cache");
            }
            Files.move(tmp, aot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("recorded an AOT cache for workers in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, aot);
        } finally {
            Files.deleteIfExists(conf);
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
