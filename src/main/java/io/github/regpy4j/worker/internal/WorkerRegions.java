package io.github.regpy4j.worker.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The shared-memory regions a worker has mapped, one per {@link SharedVector} slot: it maps what
 * a request declares, reads shared arguments, and writes large results into its reply region.
 */
final class WorkerRegions {

    private final SharedRegion[] slots = new SharedRegion[SharedVector.SLOTS];

    /**
     * Maps the declared regions and puts the argument into the request inline.
     *
     * @param lent where a shared argument is read into, or {@code null} for a fresh array
     * @return the request with its argument as an array
     * @throws IOException if a region cannot be mapped
     */
    Request materialize(Request r, LentArrays lent) throws IOException {
        for (RegionDeclaration d : r.regions()) {
            Path p = Path.of(d.path()).normalize();
            if (!p.startsWith(SharedRegion.DIRECTORY) || !p.getFileName().toString().startsWith("regpy4j-")) {
                throw new ProtocolException("refusing to map " + d.path() + ": not a regpy4j region in "
                        + SharedRegion.DIRECTORY);
            }
            SharedRegion old = slots[d.slot()];
            slots[d.slot()] = SharedRegion.open(p);
            if (old != null) {
                old.close();
            }
        }
        if (r.shared() == null) {
            return r;
        }
        SharedRegion from = region(r.shared().slot());
        double[] v;
        if (lent == null) {
            v = from.read(r.shared().length());
        } else {
            v = lent.argument(r.command(), r.shared().length());
            from.readInto(v, 0, v.length);
        }
        return new Request(r.command(), r.sequence(), r.timeoutMillis(), v, null, r.regions(), r.replyInRegion(),
                r.operatorBytes(), r.ping());
    }

    /**
     * @return the reply with its vector moved into the reply region, when asked for and when it
     *     fits; else, and when the region cannot be written, the reply as it is: its vector goes
     *     through the pipe, which the parent always accepts
     */
    Reply place(Request request, Reply reply) {
        SharedRegion out = slots[SharedVector.REPLY];
        if (!request.replyInRegion() || reply.vector() == null || out == null
                || reply.vector().length > out.capacity()) {
            return reply;
        }
        try {
            out.write(reply.vector());
        } catch (IOException e) {
            WorkerLog.line("the reply goes through the pipe: " + e.getMessage());
            return reply;
        }
        return new Reply(reply.code(), reply.sequence(), null,
                new SharedVector(SharedVector.REPLY, reply.vector().length), reply.error(), reply.ping());
    }

    /** Unmaps every region: the next operator starts with none. */
    void clear() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
    }

    private SharedRegion region(int slot) {
        SharedRegion r = slots[slot];
        if (r == null) {
            throw new ProtocolException("shared-memory slot " + slot + " was never declared");
        }
        return r;
    }
}
