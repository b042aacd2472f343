package io.github.regpy4j.worker.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file in shared memory ({@code /dev/shm}) mapped into both parent and worker, through which
 * large vectors travel instead of the pipe: one copy in, one copy out, at memory speed. The
 * parent creates it; both map it; once both have it mapped the parent deletes the name, so
 * nothing is left in {@code /dev/shm} whatever happens to either process afterwards.
 *
 * <p>Doubles are copied as raw bits in native order: NaN payloads, {@code -0.0} and subnormals
 * arrive unchanged.
 *
 * <p>A region is private to its user from the moment it exists (mode 0600, given to the call
 * that creates it), and its memory is reserved then, so that a full {@code /dev/shm} is an
 * {@link IOException} at creation rather than a SIGBUS at some later copy. Mapping and
 * unmapping are kept in {@link #map} and {@link #unmap} alone.
 */
public final class SharedRegion {

    /** Where regions live: a RAM-backed file system on Linux. */
    public static final Path DIRECTORY = Path.of("/dev/shm");
    /** A mapping holds at most this many bytes. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Path path;
    private final RegionMapping mapping;
    private final DoubleBuffer doubles;

    private SharedRegion(Path path, RegionMapping mapping) {
        this.path = path;
        this.mapping = mapping;
        this.doubles = mapping.buffer().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** @return whether this machine has a writable shared-memory directory */
    public static boolean available() {
        return Files.isDirectory(DIRECTORY) && Files.isWritable(DIRECTORY);
    }

    /**
     * Creates and maps a new region (parent side): owner-only from the start ({@code 0600} given
     * to the {@code open} call that creates the file, so there is no moment at which another user
     * could open it), and with all its memory reserved before it is mapped.
     *
     * <p>Why reserve: a file of a RAM-backed file system is sparse; its pages are taken when
     * first touched, and touching one through a mapping when the file system is full raises
     * SIGBUS, which the JVM reports as an {@link InternalError} at some later, arbitrary copy.
     * Extending the file ({@code ftruncate}) or writing only its last page reserves nothing.
     * Writing every page with {@code write(2)} does, and a full file system then answers with an
     * {@link IOException} here, at creation, where the caller can fall back to the pipe.
     *
     * @param name a file name unique on this machine (not guessable: see the trust model in RELIABILITY.md)
     * @param bytes the capacity, at most {@link #MAX_BYTES}
     * @return the mapped region
     * @throws SharedMemoryFullException if the file system has no room for it; nothing is left behind
     * @throws IOException if the file cannot be created or mapped; nothing is left behind
     */
    public static SharedRegion create(String name, long bytes) throws IOException {
        Path p = DIRECTORY.resolve(name);
        try (FileChannel ch = FileChannel.open(p, CREATE_OWNER_ONLY, OWNER_ONLY)) {
            try {
                try {
                    reserve(ch, bytes);
                } catch (IOException e) {
                    throw new SharedMemoryFullException(bytes, -1, e);
                }
                return new SharedRegion(p, map(ch, bytes));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(p);
                throw e;
            }
        }
    }

    private static final java.util.Set<StandardOpenOption> CREATE_OWNER_ONLY = java.util.Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static final java.util.Set<StandardOpenOption> OPEN_EXISTING = java.util.Set.of(
            StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static final java.nio.file.attribute.FileAttribute<java.util.Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** Zeros written per {@code write(2)} while reserving. */
    private static final int RESERVE_CHUNK = 1 << 20;

    /**
     * Takes every page of the file now, by writing zeros over its whole length.
     *
     * @throws IOException if the file system has no room for them ({@code ENOSPC})
     */
    static void reserve(FileChannel ch, long bytes) throws IOException {
        java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocateDirect((int) Math.min(RESERVE_CHUNK, Math.max(1, bytes)));
        long at = 0;
        while (at < bytes) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
            while (zeros.hasRemaining()) {
                at += ch.write(zeros, at);
            }
        }
    }

    /**
     * Maps an existing region (worker side). The file must be a regular file (no symbolic link is
     * followed) private to its owner, as {@link #create} makes it: a file that anyone else could
     * have written or read is refused.
     *
     * @param path the file the parent created
     * @return the mapped region
     * @throws IOException if it cannot be opened or mapped, or is not private to this user
     */
    public static SharedRegion open(Path path) throws IOException {
        java.util.Set<java.nio.file.OpenOption> options = new java.util.HashSet<>(OPEN_EXISTING);
        options.add(LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = FileChannel.open(path, options)) {
            requirePrivate(path);
            return new SharedRegion(path, map(ch, ch.size()));
        }
    }

    /**
     * A file of mode 0600 that this process could open for writing is its own user's (or it runs
     * as root): no owner name is compared, which would fail for a user without a passwd entry.
     */
    private static void requirePrivate(Path path) throws IOException {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        java.util.Set<PosixFilePermission> others = java.util.EnumSet.noneOf(PosixFilePermission.class);
        others.addAll(a.permissions());
        others.removeAll(java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        if (!a.isRegularFile() || !others.isEmpty()) {
            throw new IOException("refusing to map " + path + ": expected a regular file with mode 0600 (rw-------), found "
                    + (a.isRegularFile() ? "" : "not a regular file, ") + "mode " + PosixFilePermissions.toString(a.permissions()));
        }
    }

    /** Maps {@code bytes} of the channel's file, read-write, shared with every other mapping of it. */
    private static RegionMapping map(FileChannel ch, long bytes) throws IOException {
        return RegionMapping.map(ch, bytes);
    }

    /** @return the file behind the region (deleted once both sides mapped it) */
    public Path path() {
        return path;
    }

    /** @return the capacity in doubles */
    public int capacity() {
        return doubles.capacity();
    }

    /**
     * @param v the vector to store from index 0. Not modified.
     * @throws IllegalArgumentException if it does not fit
     * @throws IOException if the memory behind the mapping is gone (see {@link #faulted})
     */
    public void write(double[] v) throws IOException {
        if (v.length > doubles.capacity()) {
            throw new IllegalArgumentException("a vector of " + v.length + " doubles does not fit a region of "
                    + doubles.capacity());
        }
        try {
            doubles.put(0, v, 0, v.length);
        } catch (InternalError e) {
            throw faulted("writing", e);
        }
    }

    /**
     * A copy from or to a mapping faulted (SIGBUS): the file's memory could not be had. Regions are
     * reserved when created, so this means someone truncated the file; the JVM survives it, and the
     * caller falls back to the pipe or answers with an error.
     */
    private IOException faulted(String doing, InternalError e) {
        return new IOException(doing + " shared-memory region " + path + " faulted: " + e.getMessage(), e);
    }

    /**
     * @param at the region's index of the first double written
     * @param v holds the doubles to store. Not modified.
     * @param offset where they start in {@code v}
     * @param n how many
     * @throws IllegalArgumentException if they do not fit from {@code at}
     */
    public void writeAt(int at, double[] v, int offset, int n) {
        if (at < 0 || n > doubles.capacity() - at) {
            throw new IllegalArgumentException(n + " doubles written from index " + at + " do not fit a region of "
                    + doubles.capacity());
        }
        doubles.put(at, v, offset, n);
    }

    /**
     * Copies {@code n} doubles from index {@code from} of the region into {@code into}.
     *
     * @param from the region's index of the first
     * @param into where they go. Modified.
     * @param offset where the first lands in {@code into}
     * @param n how many
     * @throws ProtocolException if the region holds fewer
     */
    public void readInto(int from, double[] into, int offset, int n) {
        requireHolds(from, n);
        doubles.get(from, into, offset, n);
    }

    /**
     * Adds {@code n} doubles from index {@code from} of the region to {@code into}, without a
     * copy in between.
     *
     * @param from the region's index of the first
     * @param into the sum. Modified: {@code into[offset + k] += region[from + k]}.
     * @param offset where the first is added
     * @param n how many
     * @throws ProtocolException if the region holds fewer
     */
    public void addInto(int from, double[] into, int offset, int n) {
        requireHolds(from, n);
        DoubleBuffer d = doubles;
        for (int k = 0; k < n; k++) {
            into[offset + k] += d.get(from + k);
        }
    }

    private void requireHolds(int from, int n) {
        if (from < 0 || n < 0 || (long) from + n > doubles.capacity()) {
            throw new ProtocolException("doubles " + from + " to " + ((long) from + n) + " of a shared vector do not"
                    + " fit its region of " + doubles.capacity());
        }
    }

    /**
     * @param n how many doubles to read from index 0
     * @return a fresh array
     * @throws ProtocolException if the region holds fewer
     * @throws IOException if the memory behind the mapping is gone
     */
    public double[] read(int n) throws IOException {
        double[] v = new double[checkedLength(n)];
        readInto(v, 0, n);
        return v;
    }

    /**
     * @param into where to copy the first {@code n} doubles of the region. Modified.
     * @param offset where they land in {@code into}
     * @param n how many
     * @throws ProtocolException if the region holds fewer
     * @throws IOException if the memory behind the mapping is gone
     */
    public void readInto(double[] into, int offset, int n) throws IOException {
        checkedLength(n);
        try {
            doubles.get(0, into, offset, n);
        } catch (InternalError e) {
            throw faulted("reading", e);
        }
    }

    private int checkedLength(int n) {
        if (n < 0 || n > doubles.capacity()) {
            throw new ProtocolException("a shared vector of " + n + " doubles does not fit its region of "
                    + doubles.capacity());
        }
        return n;
    }

    /** Deletes the file name; the mappings stay valid until unmapped. */
    public void unlink() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A name that cannot be deleted now is retried by close.
        }
    }

    /** Deletes the name and releases the mapping now rather than at some garbage collection. */
    public synchronized void close() {
        unlink();
        unmap(mapping);
    }

    /** Releases a mapping now (idempotent); the buffer must not be touched afterwards. */
    private static void unmap(RegionMapping mapping) {
        mapping.release();
    }
}
