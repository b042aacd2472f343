package io.github.regpy4j.parallel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory that only the current user can have written: what the class-data-sharing and AOT
 * caches of workers are kept in, since whatever lies there ends up first on every worker's
 * classpath. A directory is trusted when it is a real directory (not a symbolic link), owned by
 * the user this JVM runs as, and writable by neither group nor others; the same holds for every
 * file taken from it. Directories made here are made owner-only (0700) at creation.
 */
final class PrivateCacheDirectory {

    private static final Set<PosixFilePermission> OTHERS_MAY_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private PrivateCacheDirectory() {}

    /**
     * Makes {@code dir} (and missing parents) owner-only if it does not exist, then checks it.
     *
     * @return {@code dir}
     * @throws UntrustedException if it exists but is not trusted
     * @throws IOException if it cannot be made
     */
    static Path createOrCheck(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                createOrCheck(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Made by someone else meanwhile: checked below like any existing directory.
            } catch (UnsupportedOperationException e) {
                throw new IOException("no POSIX permissions on this file system: " + dir, e);
            }
        }
        check(dir, true);
        return dir;
    }

    /**
     * @param p a directory or a file in the cache
     * @param directory whether it must be a directory (else a regular file)
     * @throws UntrustedException unless it is of that kind, owned by this user and writable by nobody else
     * @throws IOException if its attributes cannot be read
     */
    static void check(Path p, boolean directory) throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("no POSIX attributes on this file system: " + p, e);
        }
        if (directory ? !a.isDirectory() : !a.isRegularFile()) {
            throw new UntrustedException(p + " should be a " + (directory ? "directory" : "regular file") + " but is "
                    + (a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : "something else"));
        }
        Object uid = uidOf(p);
        long self = currentUid();
        boolean mine = (uid instanceof Integer u && self >= 0) ? u == self
                : a.owner().getName().equals(System.getProperty("user.name"));
        if (!mine) {
            throw new UntrustedException(p + " is owned by " + a.owner().getName() + ", not by this user ("
                    + System.getProperty("user.name") + (self >= 0 ? ", uid " + self : "") + ")");
        }
        if (a.permissions().stream().anyMatch(OTHERS_MAY_WRITE::contains)) {
            throw new UntrustedException(p + " has mode " + PosixFilePermissions.toString(a.permissions())
                    + ": others than its owner may write to it");
        }
    }

    /**
     * Deletes all but the {@code keep} most recently used entries of {@code dir} whose names match
     * {@code names} (files, or directories with their contents), oldest first. Entries another JVM
     * still maps stay mapped there: Linux frees a deleted file when its last mapping goes.
     *
     * @return the entries deleted
     */
    static List<Path> keepNewest(Path dir, Pattern names, int keep) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> names.matcher(p.getFileName().toString()).matches())) {
            s.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(PrivateCacheDirectory::lastModified).reversed());
        List<Path> deleted = new ArrayList<>();
        for (Path old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
            deleteRecursively(old);
            deleted.add(old);
        }
        return deleted;
    }

    /** Marks {@code p} as just used, for {@link #keepNewest}. */
    static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // Then it counts as older than it is: at worst recorded again later.
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    private static Object uidOf(Path p) {
        try {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the effective uid of this process (the owner of {@code /proc/<pid>}), or -1 where unknown */
    static long currentUid() {
        Object uid = uidOf(Path.of("/proc", Long.toString(ProcessHandle.current().pid())));
        return uid instanceof Integer u ? u : -1;
    }

    /** A cache directory or file that someone else could have written. */
    static final class UntrustedException extends IOException {
        private static final long serialVersionUID = 1L;

        UntrustedException(String message) {
            super(message);
        }
    }
}
