package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.ProtocolException;
import io.github.regpy4j.worker.internal.RegionDeclaration;
import io.github.regpy4j.worker.internal.SharedRegion;
import io.github.regpy4j.worker.internal.SharedVector;
import io.github.regpy4j.worker.internal.SharedMemoryFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-memory regions of one worker group: one for an argument shared by every worker, and
 * per worker one for its own argument and one for its reply. A region is created (or replaced by a
 * larger one) when a call needs it, declared to the workers in that call's requests, and its name
 * deleted from {@code /dev/shm} as soon as the call is over: by then every worker that needs it
 * has mapped it. Used under the group's call lock only.
 *
 * <p>Names are {@code regpy4j-<pid>-<n>-<128 random bits>}: the prefix lets workers find what an
 * ended parent left, the random part makes the name impossible to guess, and the file is
 * owner-only from its creation ({@link SharedRegion#create}). A region is reused for later calls
 * of the same group: nobody but this user could ever open it, and its name is gone after the call
 * that made it.
 *
 * <p>When {@code /dev/shm} lacks room for a call's new regions ({@link #requireRoom}), or fills up
 * while they are made, that call goes through the pipes; one WARN per process says what was
 * needed and how to give it (containers get 64 MB by default).
 */
final class SharedMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SharedMemory.class);
    private static final AtomicLong NAMES = new AtomicLong();
    /** The unguessable part of every region's name. */
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Workers delete {@code regpy4j-<parent pid>-*} when their parent dies: names must start so. */
    static final String PREFIX = "regpy4j-" + ProcessHandle.current().pid() + "-";

    private final long threshold;
    private boolean enabled;
    private SharedRegion argument;
    private final SharedRegion[] ownArgument;
    private final SharedRegion[] reply;
    /** What each worker has mapped in each slot. */
    private final SharedRegion[][] mapped;
    private final List<SharedRegion> createdThisCall = new ArrayList<>();

    SharedMemory(int workers, long threshold) {
        this.threshold = threshold;
        this.enabled = threshold != Long.MAX_VALUE && SharedRegion.available();
        this.ownArgument = new SharedRegion[workers];
        this.reply = new SharedRegion[workers];
        this.mapped = new SharedRegion[workers][SharedVector.SLOTS];
    }

    /** @return whether a vector of {@code bytes} should travel through shared memory */
    boolean worthIt(long bytes) {
        return enabled && bytes >= threshold && bytes > 0 && bytes <= SharedRegion.MAX_BYTES;
    }

    /**
     * Checks, before any region of a call is made, that the file system behind {@code /dev/shm}
     * has room for every region this call would add, with a margin left for others.
     *
     * @param args the arguments of the call, one per worker
     * @param replyBytes the size of each worker's reply
     * @throws SharedMemoryFullException if there is not: the call goes through the pipes
     */
    void requireRoom(CallArguments args, int[] replyBytes) throws SharedMemoryFullException {
        long needed = 0;
        boolean shared = args.shared();
        if (shared && worthIt(8L * args.length(0))) {
            needed += newRegionBytes(argument, args.length(0));
        }
        for (int i = 0; i < args.count(); i++) {
            if (!shared && worthIt(8L * args.length(i))) {
                needed += newRegionBytes(ownArgument[i], args.length(i));
            }
            if (worthIt(replyBytes[i])) {
                needed += newRegionBytes(reply[i], replyBytes[i] / 8);
            }
        }
        if (needed > 0) {
            SharedMemoryRoom.require(needed);
        }
    }

    /** @return the bytes a region for {@code doubles} takes if {@code current} is too small for them; else 0 */
    private static long newRegionBytes(SharedRegion current, int doubles) {
        return current != null && current.capacity() >= doubles ? 0 : regionBytes(doubles);
    }

    /** Room to grow a little, so a slightly larger vector does not replace the region. */
    private static long regionBytes(int doubles) {
        return Math.min(SharedRegion.MAX_BYTES, 8L * doubles + (8L * doubles) / 8);
    }

    /** Writes the argument every worker gets; returns where it is. */
    SharedVector putSharedArgument(double[] x) throws IOException {
        argument = ensure(argument, x.length);
        argument.write(x);
        return new SharedVector(SharedVector.ARGUMENT, x.length);
    }

    /**
     * Makes room for one worker's own argument and returns the copy into it, straight from the
     * caller's array, to be run before the worker's request is sent: on the thread that sends it,
     * so one worker computes while the next one's argument is written.
     */
    Runnable ownArgumentWriter(int worker, CallArguments args) throws IOException {
        ownArgument[worker] = ensure(ownArgument[worker], args.length(worker));
        SharedRegion r = ownArgument[worker];
        return () -> args.writeTo(worker, r);
    }

    /** Makes sure the worker's reply region holds {@code doubles}. */
    void prepareReply(int worker, int doubles) throws IOException {
        reply[worker] = ensure(reply[worker], doubles);
    }

    /** @return the declarations worker {@code w} needs for the regions this call uses */
    List<RegionDeclaration> declarationsFor(int worker, boolean sharedArgument, boolean ownArgumentUsed,
            boolean replyUsed) {
        List<RegionDeclaration> d = new ArrayList<>(SharedVector.SLOTS);
        declare(worker, SharedVector.ARGUMENT, sharedArgument ? argument : null, d);
        declare(worker, SharedVector.OWN_ARGUMENT, ownArgumentUsed ? ownArgument[worker] : null, d);
        declare(worker, SharedVector.REPLY, replyUsed ? reply[worker] : null, d);
        return d;
    }

    private void declare(int worker, int slot, SharedRegion r, List<RegionDeclaration> into) {
        if (r != null && mapped[worker][slot] != r) {
            into.add(new RegionDeclaration(slot, r.path().toString()));
            mapped[worker][slot] = r;
        }
    }

    /** @return worker {@code w}'s result from its reply region */
    double[] readReply(int worker, SharedVector v) {
        if (v.slot() != SharedVector.REPLY || reply[worker] == null) {
            throw new WorkerProtocolException("the reply of worker " + worker + " points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results", null);
        }
        try {
            return reply[worker].read(v.length());
        } catch (ProtocolException e) {
            throw unreadable(worker, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies worker {@code w}'s result from its reply region into {@code into} at {@code offset}. */
    void readReplyInto(int worker, SharedVector v, double[] into, int offset) {
        if (v.slot() != SharedVector.REPLY || reply[worker] == null) {
            throw new WorkerProtocolException("the reply of worker " + worker + " points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results", null);
        }
        try {
            reply[worker].readInto(into, offset, v.length());
        } catch (ProtocolException e) {
            throw unreadable(worker, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies ({@code add} false) or adds ({@code add} true) doubles {@code from … from+n} of worker
     * {@code w}'s result in its reply region into {@code into} at {@code offset}.
     */
    void replyPartInto(int worker, SharedVector v, int from, int n, double[] into, int offset, boolean add) {
        if (v.slot() != SharedVector.REPLY || reply[worker] == null) {
            throw new WorkerProtocolException("the reply of worker " + worker + " points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results", null);
        }
        if ((long) from + n > v.length()) {
            throw new WorkerProtocolException("doubles " + from + " to " + ((long) from + n)
                    + " of the reply of " + v.length() + " from worker " + worker, null);
        }
        try {
            if (add) {
                reply[worker].addInto(from, into, offset, n);
            } else {
                reply[worker].readInto(from, into, offset, n);
            }
        } catch (ProtocolException e) {
            throw unreadable(worker, e);
        }
    }

    /** The region disagrees with the reply that points to it: a protocol failure, in the public type. */
    private static WorkerProtocolException unreadable(int worker, ProtocolException e) {
        return new WorkerProtocolException("the reply of worker " + worker + " in shared memory cannot be read: "
                + e.getMessage(), e);
    }

    /** After a call: every worker that needs this call's new regions has mapped them; delete their names. */
    void afterCall(boolean allMapped) {
        createdThisCall.forEach(SharedRegion::unlink);
        createdThisCall.clear();
        if (!allMapped) {
            // Some worker may not have mapped a region whose name is now gone: start afresh next call.
            closeRegions();
        }
    }

    /**
     * Called when a call's regions could not be made: the call goes through the pipes. When
     * {@code /dev/shm} lacked room, only this call does (and the regions held are released, so
     * that room is not kept from others); on any other failure, every later call of this group.
     */
    void disable(IOException why) {
        if (why instanceof SharedMemoryFullException full) {
            SharedMemoryRoom.warnOnce(full);
            closeRegions();
            return;
        }
        if (enabled) {
            LOG.warn("shared memory unavailable ({}); vectors travel through the pipes", why.toString());
        }
        enabled = false;
        closeRegions();
    }

    private SharedRegion ensure(SharedRegion current, int doubles) throws IOException {
        if (current != null && current.capacity() >= doubles) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        StaleRegions.sweepOnce();
        SharedRegion r = SharedRegion.create(newName(), regionBytes(doubles));
        createdThisCall.add(r);
        return r;
    }

    /** @return {@code regpy4j-<pid>-<n>-<32 random hex digits>}: unique, and not guessable by another user */
    static String newName() {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        StringBuilder b = new StringBuilder(PREFIX).append(NAMES.incrementAndGet()).append('-');
        for (byte x : secret) {
            b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return b.toString();
    }

    private void closeRegions() {
        if (argument != null) {
            argument.close();
            argument = null;
        }
        for (int w = 0; w < reply.length; w++) {
            if (ownArgument[w] != null) {
                ownArgument[w].close();
                ownArgument[w] = null;
            }
            if (reply[w] != null) {
                reply[w].close();
                reply[w] = null;
            }
            java.util.Arrays.fill(mapped[w], null);
        }
        createdThisCall.clear();
    }

    /** Deletes every region and unmaps it. Only when no call is running. */
    void close() {
        enabled = false;
        closeRegions();
    }
}
