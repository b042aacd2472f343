package io.github.regpy4j.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds out whether an operator loaded native code (JNI) while a worker served it: the shared
 * libraries mapped into this process ({@code /proc/self/maps}) when the operator arrived are
 * compared with those mapped when it is forgotten.
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

    private final Set<String> before;

    private NativeLibraryWatch(Set<String> before) {
        this.before = before;
    }

    /** @return a watch that starts now */
    static NativeLibraryWatch start() {
        return new NativeLibraryWatch(mapped());
    }

    /** @return the libraries mapped since {@link #start()}, beyond the JDK's and the C library's own */
    Set<String> loadedSince() {
        Set<String> now = mapped();
        now.removeAll(before);
        return now;
    }

    /** @return the shared libraries mapped into this process now; empty where there is no {@code /proc} */
    private static Set<String> mapped() {
        try {
            return librariesIn(Files.readString(MAPS, StandardCharsets.ISO_8859_1));
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
        for (String line : maps.split("\n")) {
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
