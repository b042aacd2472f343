package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.RegionDeclaration;
import io.github.regpy4j.worker.SharedRegion;
import io.github.regpy4j.worker.SharedVector;
import java.io.IOException;
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
 */
final class SharedMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SharedMemory.class);
    private static final AtomicLong NAMES = new AtomicLong();
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

    /** Writes the argument every worker gets; returns where it is. */
    SharedVector putSharedArgument(double[] x) throws IOException {
        argument = ensure(argument, x.length);
        argument.write(x);
        return new SharedVector(SharedVector.ARGUMENT, x.length);
    }

    /** Writes one worker's own argument; returns where it is. */
    SharedVector putOwnArgument(int worker, double[] x) throws IOException {
        ownArgument[worker] = ensure(ownArgument[worker], x.length);
        ownArgument[worker].write(x);
        return new SharedVector(SharedVector.OWN_ARGUMENT, x.length);
    }

    /**
     * Makes room for one worker's own argument, {@code x[offset … offset+length)}, and returns the
     * copy into it, to be run before the worker's request is sent: on the thread that sends it, so
     * one worker computes while the next one's argument is written.
     */
    Runnable ownArgumentWriter(int worker, double[] x, int offset, int length) throws IOException {
        SharedRegion r = ownArgument[worker] = ensure(ownArgument[worker], length);
        return () -> r.write(x, offset, length);
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
            throw new io.github.regpy4j.worker.ProtocolException("a reply points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results");
        }
        return reply[worker].read(v.length());
    }

    /** Copies worker {@code w}'s result from its reply region into {@code into} at {@code offset}. */
    void readReplyInto(int worker, SharedVector v, double[] into, int offset) {
        if (v.slot() != SharedVector.REPLY || reply[worker] == null) {
            throw new io.github.regpy4j.worker.ProtocolException("a reply points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results");
        }
        reply[worker].readInto(into, offset, v.length());
    }

    /**
     * Copies ({@code add} false) or adds ({@code add} true) doubles {@code from … from+n} of worker
     * {@code w}'s result in its reply region into {@code into} at {@code offset}.
     */
    void replyPartInto(int worker, SharedVector v, int from, int n, double[] into, int offset, boolean add) {
        if (v.slot() != SharedVector.REPLY || reply[worker] == null) {
            throw new io.github.regpy4j.worker.ProtocolException("a reply points to shared-memory slot " + v.slot()
                    + " but only the reply region (slot " + SharedVector.REPLY + ") carries results");
        }
        if ((long) from + n > v.length()) {
            throw new io.github.regpy4j.worker.ProtocolException("doubles " + from + " to " + ((long) from + n)
                    + " of a reply of " + v.length());
        }
        if (add) {
            reply[worker].addInto(from, into, offset, n);
        } else {
            reply[worker].readInto(from, into, offset, n);
        }
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

    /** Gives up on shared memory for this group, e.g. when /dev/shm is full. */
    void disable(IOException why) {
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
        // Room to grow a little, so a slightly larger vector does not replace the region.
        long bytes = Math.min(SharedRegion.MAX_BYTES, 8L * doubles + (8L * doubles) / 8);
        SharedRegion r = SharedRegion.create(PREFIX + NAMES.incrementAndGet(), bytes);
        createdThisCall.add(r);
        return r;
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
