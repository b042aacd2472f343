package io.github.regpy4j.worker.internal;

/**
 * A vector that travels through a {@link SharedRegion} instead of the pipe: which region slot
 * holds it, and how many doubles.
 *
 * @param slot {@link #ARGUMENT}, {@link #OWN_ARGUMENT} or {@link #REPLY}
 * @param length the number of doubles, from index 0 of the region
 */
public record SharedVector(int slot, int length) {

    /** The region holding an argument shared by every worker of a group. */
    public static final int ARGUMENT = 0;
    /** The region holding this worker's own argument. */
    public static final int OWN_ARGUMENT = 1;
    /** The region this worker writes its result into. */
    public static final int REPLY = 2;
    /** The number of slots. */
    public static final int SLOTS = 3;

    /**
     * Checks the slot and length.
     *
     * @param slot one of {@link #ARGUMENT}, {@link #OWN_ARGUMENT}, {@link #REPLY}
     * @param length the number of doubles
     */
    public SharedVector {
        if (slot < 0 || slot >= SLOTS) {
            throw new ProtocolException("shared-memory slot " + slot + " is outside 0.." + (SLOTS - 1));
        }
        if (length < 0) {
            throw new ProtocolException("shared vector length " + length + " is negative");
        }
    }
}
