package io.github.regpy4j.worker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file in shared memory ({@code /dev/shm}) mapped into both parent and worker, through which
 * large vectors travel instead of the pipe: one copy in, one copy out, at memory speed. The
 * parent creates it; both map it; once both have it mapped the parent deletes the name, so
 * nothing is left in {@code /dev/shm} whatever happens to either process afterwards.
 *
 * <p>Doubles are copied as raw bits in native order: NaN payloads, {@code -0.0} and subnormals
 * arrive unchanged.
 */
public final class SharedRegion {

    /** Where regions live: a RAM-backed file system on Linux. */
    public static final Path DIRECTORY = Path.of("/dev/shm");
    /** A mapping holds at most this many bytes. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Path path;
    private final MappedByteBuffer mapping;
    private final DoubleBuffer doubles;
    private boolean unmapped;

    private SharedRegion(Path path, MappedByteBuffer mapping) {
        this.path = path;
        this.mapping = mapping;
        mapping.order(ByteOrder.nativeOrder());
        this.doubles = mapping.asDoubleBuffer();
    }

    /** @return whether this machine has a writable shared-memory directory */
    public static boolean available() {
        return Files.isDirectory(DIRECTORY) && Files.isWritable(DIRECTORY);
    }

    /**
     * Creates and maps a new region (parent side).
     *
     * @param name a file name unique on this machine
     * @param bytes the capacity, at most {@link #MAX_BYTES}
     * @return the mapped region
     * @throws IOException if the file cannot be created or mapped
     */
    public static SharedRegion create(String name, long bytes) throws IOException {
        Path p = DIRECTORY.resolve(name);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new SharedRegion(p, ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(p);
            throw e;
        }
    }

    /**
     * Maps an existing region (worker side).
     *
     * @param path the file the parent created
     * @return the mapped region
     * @throws IOException if it cannot be opened or mapped
     */
    public static SharedRegion open(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new SharedRegion(path, ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size()));
        }
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
     */
    public void write(double[] v) {
        if (v.length > doubles.capacity()) {
            throw new IllegalArgumentException("a vector of " + v.length + " doubles does not fit a region of "
                    + doubles.capacity());
        }
        doubles.put(0, v, 0, v.length);
    }

    /**
     * @param v holds the vector to store from index 0. Not modified.
     * @param offset where the vector starts in {@code v}
     * @param n its length
     * @throws IllegalArgumentException if it does not fit
     */
    public void write(double[] v, int offset, int n) {
        if (n > doubles.capacity()) {
            throw new IllegalArgumentException("a vector of " + n + " doubles does not fit a region of "
                    + doubles.capacity());
        }
        doubles.put(0, v, offset, n);
    }

    /**
     * Copies {@code n} doubles from index {@code from} of the region into {@code into}.
     *
     * @param into where they go. Modified.
     * @param offset where the first lands in {@code into}
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
     * @param into the sum. Modified: {@code into[offset + k] += region[from + k]}.
     * @param offset where the first is added
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
     */
    public double[] read(int n) {
        if (n < 0 || n > doubles.capacity()) {
            throw new ProtocolException("a shared vector of " + n + " doubles does not fit its region of "
                    + doubles.capacity());
        }
        double[] v = new double[n];
        doubles.get(0, v, 0, n);
        return v;
    }

    /**
     * @param into where to copy the first {@code n} doubles of the region. Modified.
     * @param offset where they land in {@code into}
     * @param n how many
     * @throws ProtocolException if the region holds fewer
     */
    public void readInto(double[] into, int offset, int n) {
        if (n < 0 || n > doubles.capacity()) {
            throw new ProtocolException("a shared vector of " + n + " doubles does not fit its region of "
                    + doubles.capacity());
        }
        doubles.get(0, into, offset, n);
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
        if (!unmapped) {
            unmapped = true;
            Unmapper.unmap(mapping);
        }
    }

    /** {@code Unsafe.invokeCleaner}: the supported way to unmap a buffer before it is collected. */
    private static final class Unmapper {
        private static final Object UNSAFE;
        private static final java.lang.reflect.Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            java.lang.reflect.Method m = null;
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                m = c.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Without it, mappings are released when collected.
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = m;
        }

        static void unmap(MappedByteBuffer b) {
            if (INVOKE_CLEANER != null) {
                try {
                    INVOKE_CLEANER.invoke(UNSAFE, b);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Released when collected.
                }
            }
        }
    }
}
