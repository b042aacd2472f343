package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.SharedMemoryFullException;
import io.github.regpy4j.worker.internal.SharedRegion;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether {@code /dev/shm} has room for a call's regions, and the one warning when it has not.
 * Docker and Kubernetes give a container 64 MB there by default; a call that does not fit goes
 * through the pipes instead of failing, and the user learns once how to give it more.
 */
final class SharedMemoryRoom {

    private static final Logger LOG = LoggerFactory.getLogger(SharedMemoryRoom.class);
    private static final long MIB = 1L << 20;
    /** Left free for everyone else, at least: other processes use {@code /dev/shm} too. */
    static final long MIN_MARGIN = 4 * MIB;
    /** Left free at most, however large the file system. */
    static final long MAX_MARGIN = 256 * MIB;
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static volatile FileStore store;

    private SharedMemoryRoom() {}

    /**
     * @param needed the bytes of the regions a call would add
     * @throws SharedMemoryFullException if the file system lacks them plus {@link #margin}
     */
    static void require(long needed) throws SharedMemoryFullException {
        long free;
        long total;
        try {
            FileStore s = store();
            free = s.getUsableSpace();
            total = s.getTotalSpace();
        } catch (IOException e) {
            throw new SharedMemoryFullException(needed, -1, e);
        }
        if (!fits(needed, free, total)) {
            throw new SharedMemoryFullException(needed, free, null);
        }
    }

    /** @return whether {@code needed} bytes fit into {@code free} with the margin of a file system of {@code total} */
    static boolean fits(long needed, long free, long total) {
        return needed <= free - margin(total);
    }

    /** @return what to leave free: a twentieth of the file system, within [{@link #MIN_MARGIN}, {@link #MAX_MARGIN}] */
    static long margin(long total) {
        return Math.max(MIN_MARGIN, Math.min(MAX_MARGIN, total / 20));
    }

    /** Warns once per process that a call went through the pipes for want of room; later ones at DEBUG. */
    static void warnOnce(SharedMemoryFullException e) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("{}; this call and any later one that does not fit go through the pipes (slower for large vectors). {}"
                    + " (said once per process)", describe(e), advice(e.needed()));
        } else {
            LOG.debug("{}; the call goes through the pipes", describe(e));
        }
    }

    private static String describe(SharedMemoryFullException e) {
        return SharedRegion.DIRECTORY + " has " + (e.free() < 0 ? "too little room" : mib(e.free()) + " free") + " but the call's"
                + " vectors need " + mib(e.needed()) + " there, plus " + mib(MIN_MARGIN) + " or more left for others"
                + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
    }

    /**
     * @param needed bytes of regions that did not fit
     * @return how to give {@code /dev/shm} room for them: a size that holds them with its margin, rounded up to 64 MiB
     */
    static String advice(long needed) {
        long mib = suggestedSize(needed) / MIB;
        return "To give it room: `docker run --shm-size=" + mib + "m ...`; in Kubernetes, mount an emptyDir volume with"
                + " `medium: Memory` and `sizeLimit: " + mib + "Mi` at /dev/shm; or use fewer or smaller vectors per call";
    }

    /** @return the smallest multiple of 64 MiB in which {@code needed} bytes {@link #fits fit} when it is empty */
    static long suggestedSize(long needed) {
        long step = 64 * MIB;
        long size = Math.max(step, (needed + step - 1) / step * step);
        while (!fits(needed, size, size)) {
            size += step;
        }
        return size;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    private static FileStore store() throws IOException {
        FileStore s = store;
        if (s == null) {
            s = Files.getFileStore(SharedRegion.DIRECTORY);
            store = s;
        }
        return s;
    }
}
