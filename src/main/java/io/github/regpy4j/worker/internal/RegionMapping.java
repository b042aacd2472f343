package io.github.regpy4j.worker.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file mapped into memory that can be released at once, rather than when the garbage collector
 * gets to it (a region of 80 MB per call would otherwise pile up). On JDK 22 and later the file is
 * mapped into a shared {@code java.lang.foreign.Arena}, and closing the arena unmaps it; before
 * that, the only way is {@code sun.misc.Unsafe.invokeCleaner}, which JDK 24 and later warn about
 * (so it is used on JDK 17–21 only, where it is silent).
 *
 * <p>The foreign-memory API is reached through method handles, looked up once: the library is
 * compiled for Java 17, and a multi-release jar would not help the common case of a worker whose
 * classpath is a directory of classes (tests, {@code exec:exec}, an IDE).
 */
final class RegionMapping {

    private static final Foreign FOREIGN = Foreign.lookUp();

    private final ByteBuffer buffer;
    /** The arena that owns the mapping (JDK 22+), or {@code null}. */
    private final Object arena;
    private boolean released;

    private RegionMapping(ByteBuffer buffer, Object arena) {
        this.buffer = buffer;
        this.arena = arena;
    }

    /**
     * Maps {@code bytes} bytes of {@code channel} from its start, for reading and writing.
     *
     * @param channel an open channel; it may be closed once this returns
     * @param bytes the size of the mapping
     * @return the mapping
     * @throws IOException if the file cannot be mapped
     */
    static RegionMapping map(FileChannel channel, long bytes) throws IOException {
        if (FOREIGN == null) {
            return new RegionMapping(channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes), null);
        }
        Object arena = FOREIGN.newArena();
        try {
            return new RegionMapping(FOREIGN.map(channel, bytes, arena), arena);
        } catch (IOException | RuntimeException | Error e) {
            FOREIGN.close(arena);
            throw e;
        }
    }

    /** @return whether mappings are released through an arena (JDK 22+) rather than {@code invokeCleaner} */
    static boolean usesArena() {
        return FOREIGN != null;
    }

    /** @return the mapped bytes; not valid after {@link #release()} */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Unmaps now. Idempotent. The buffer must not be used afterwards. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (arena != null) {
            FOREIGN.close(arena);
        } else if (buffer instanceof MappedByteBuffer) {
            Cleaner.unmap(buffer);
        }
    }

    /** {@code Arena.ofShared()}, {@code FileChannel.map(mode, 0, n, arena).asByteBuffer()}, {@code Arena.close()}. */
    private static final class Foreign {
        private final MethodHandle ofShared;
        private final MethodHandle map;
        private final MethodHandle asByteBuffer;
        private final MethodHandle close;

        private Foreign(MethodHandle ofShared, MethodHandle map, MethodHandle asByteBuffer, MethodHandle close) {
            this.ofShared = ofShared;
            this.map = map;
            this.asByteBuffer = asByteBuffer;
            this.close = close;
        }

        /** @return the handles, or {@code null} before JDK 22 (the API was a preview there) */
        static Foreign lookUp() {
            if (Runtime.version().feature() < 22) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                return new Foreign(lookup.findStatic(arena, "ofShared", MethodType.methodType(arena)),
                        lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                                FileChannel.MapMode.class, long.class, long.class, arena)),
                        lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                        lookup.findVirtual(arena, "close", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        Object newArena() {
            try {
                return ofShared.invoke();
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        ByteBuffer map(FileChannel channel, long bytes, Object arena) throws IOException {
            try {
                Object segment = map.invoke(channel, FileChannel.MapMode.READ_WRITE, 0L, bytes, arena);
                return (ByteBuffer) asByteBuffer.invoke(segment);
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        void close(Object arena) {
            try {
                close.invoke(arena);
            } catch (IllegalStateException e) {
                // Another thread is copying through the mapping right now (a caller closing a region
                // during a call): the arena stays open and the memory mapped until the process ends.
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        private static RuntimeException rethrown(Throwable t) {
            if (t instanceof RuntimeException r) {
                return r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return new IllegalStateException("the foreign-memory API failed unexpectedly", t);
        }
    }

    /** {@code Unsafe.invokeCleaner} (JDK 17–21): the supported way there to unmap a buffer before it is collected. */
    private static final class Cleaner {
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
                m = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Without it, mappings are released when collected.
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = m;
        }

        static void unmap(ByteBuffer b) {
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
