package io.github.regpy4j.worker.internal;

import java.io.IOException;

/**
 * The file system behind {@link SharedRegion#DIRECTORY} has no room for a region: not enough free
 * space when checked, or it filled up while the region's memory was being reserved. The vectors
 * then travel through the pipe; nothing was left behind.
 */
public final class SharedMemoryFullException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The bytes the regions needed. */
    private final long needed;
    /** The bytes free when it was found out, or -1 if unknown. */
    private final long free;

    /**
     * @param needed the bytes the regions needed
     * @param free the bytes free at that moment, or -1 if unknown
     * @param cause what the file system said, or {@code null}
     */
    public SharedMemoryFullException(long needed, long free, Throwable cause) {
        super(SharedRegion.DIRECTORY + " has " + (free < 0 ? "too little room" : free + " bytes free") + " but "
                + needed + " bytes of shared memory were needed" + (cause == null ? "" : " (" + cause.getMessage() + ")"),
                cause);
        this.needed = needed;
        this.free = free;
    }

    /** @return the bytes the regions needed */
    public long needed() {
        return needed;
    }

    /** @return the bytes free when it was found out, or -1 if unknown */
    public long free() {
        return free;
    }
}
