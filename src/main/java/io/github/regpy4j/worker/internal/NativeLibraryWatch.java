package io.github.regpy4j.worker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds out whether an operator loaded native code (JNI) while a worker served it: the shared
 * libraries mapped into this process ({@code /proc/self/maps}) when it is forgotten are compared
 * with those mapped before it arrived.
 *
 * <p>Why it matters: the JVM binds a native library to the one class loader that loaded it and
 * refuses to load it again in another while that one lives ({@code UnsatisfiedLinkError: ...
 * already loaded in another classloader}). Every operator a worker serves gets a fresh {@link
 * OperatorClassLoader}, and the old one is unloaded only at some garbage collection, if at all;
 * so a worker whose operator loaded a library could not serve the next operator of that class.
 * Such a worker is not reused ({@link #RESET_LOADED_NATIVE_LIBRARY}).
 *
 * <p>Not counted: the JDK's own libraries, loaded lazily from {@code java.home}, and the C
 * library's, which it loads by itself (name service, {@code libgcc_s} for unwinding).
 */
public final class NativeLibraryWatch {

    /** What a worker answers to {@code reset} when its operator loaded native code: never reused. */
    public static final int RESET_LOADED_NATIVE_LIBRARY = -2;

    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final String JAVA_HOME = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize() + "/";
    /** File names the C library maps by itself. */
    private static final List<String> LIBC_OWN = List.of("libnss_", "libresolv", "libnsl", "libgcc_s", "libidn",
            "libnss3", "libsystemd");

    /** The libraries mapped at the last look. */
    private Set<String> seen;

    private NativeLibraryWatch(Set<String> seen) {
        this.seen = seen;
    }

    /** @return a watch that starts now */
    static NativeLibraryWatch start() {
        return new NativeLibraryWatch(mapped());
    }

    /**
     * One read of {@code /proc/self/maps} (a few hundred microseconds): taken once when a worker
     * gets its first operator, then once each time it forgets one, the last look being the next
     * one's baseline, so that reusing a worker costs one read.
     *
     * @return the libraries mapped since the last look, beyond the JDK's and the C library's own
     */
    Set<String> loadedSinceLastLook() {
        Set<String> now = mapped();
        Set<String> added = new TreeSet<>(now);
        added.removeAll(seen);
        seen = now;
        return added;
    }

    /** @return the shared libraries mapped into this process now; empty where there is no {@code /proc} */
    private static Set<String> mapped() {
        try (java.io.InputStream in = Files.newInputStream(MAPS)) {
            return librariesIn(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return new TreeSet<>();
        }
    }

    /**
     * @param maps the text of a {@code /proc/<pid>/maps}
     * @return the paths of the shared libraries in it, without the JDK's and the C library's own
     */
    static Set<String> librariesIn(String maps) {
        Set<String> found = new TreeSet<>();
        // Only the few lines naming a ".so" are looked at: a JVM maps hundreds of other things.
        for (int at = maps.indexOf(".so"); at >= 0; at = maps.indexOf(".so", at + 1)) {
            int start = maps.lastIndexOf('\n', at) + 1;
            int end = maps.indexOf('\n', at);
            String line = maps.substring(start, end < 0 ? maps.length() : end);
            at = end < 0 ? maps.length() : end;
            int slash = line.indexOf(" /");
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash + 1).trim();
            if (path.endsWith(" (deleted)")) {
                path = path.substring(0, path.length() - " (deleted)".length());
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.contains(".so") && !path.startsWith(JAVA_HOME) && LIBC_OWN.stream().noneMatch(name::startsWith)) {
                found.add(path);
            }
        }
        return found;
    }
}
