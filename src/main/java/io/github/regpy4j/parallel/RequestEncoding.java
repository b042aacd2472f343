package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.RegionDeclaration;
import io.github.regpy4j.worker.internal.Request;
import io.github.regpy4j.worker.internal.SharedVector;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one call's arguments into one frame per worker. An argument shared by all workers is
 * encoded once and the same bytes go to every pipe, or, when large, it is written once into
 * shared memory; a worker's own large argument goes into its own region straight from the
 * caller's array (a slice of it, for the parts of a direct sum), copied just before that worker's
 * request is sent, and a large reply is asked for in the worker's reply region.
 */
final class RequestEncoding {

    private final WorkerProcess[] workers;
    private final SharedMemory sharedMemory;
    private final FrameEncoder sharedEncoder = new FrameEncoder();

    RequestEncoding(WorkerProcess[] workers, SharedMemory sharedMemory) {
        this.workers = workers;
        this.sharedMemory = sharedMemory;
    }

    /**
     * One call's requests.
     *
     * @param frames one frame per worker, in worker order
     * @param writes per worker, the copy of its own argument into shared memory, to run before its
     *     frame is sent; {@code null} where there is none
     */
    @SuppressWarnings("ArrayRecordComponent") // one call's frames and writes, used once; never compared
    record Encoded(EncodedFrame[] frames, Runnable[] writes) {}

    /**
     * @param replyBytes the size in bytes of each worker's result
     * @return the frames, and the copies to run before sending them
     */
    Encoded encode(Command command, CallArguments args, int[] replyBytes, long seq, long timeout) {
        boolean anyLarge = false;
        for (int i = 0; i < args.count(); i++) {
            anyLarge |= sharedMemory.worthIt(8L * args.length(i)) || sharedMemory.worthIt(replyBytes[i]);
        }
        if (anyLarge) {
            try {
                return encodeWithSharedMemory(command, args, replyBytes, seq, timeout);
            } catch (IOException e) {
                sharedMemory.disable(e);
            }
        }
        EncodedFrame[] frames = new EncodedFrame[workers.length];
        Runnable[] none = new Runnable[workers.length];
        if (args.shared()) {
            // Serialized once; the same bytes go to every pipe.
            Arrays.fill(frames, args.encode(0, sharedEncoder, Request.vector(command, seq, timeout, null)));
        } else {
            for (WorkerProcess w : workers) {
                frames[w.index] = args.encode(w.index, w.encoder, Request.vector(command, seq, timeout, null));
            }
        }
        return new Encoded(frames, none);
    }

    private Encoded encodeWithSharedMemory(Command command, CallArguments args, int[] replyBytes, long seq,
            long timeout) throws IOException {
        sharedMemory.requireRoom(args, replyBytes);
        boolean shared = args.shared();
        SharedVector sharedArgument = shared && sharedMemory.worthIt(8L * args.length(0))
                ? sharedMemory.putSharedArgument(args.whole(0)) : null;
        EncodedFrame[] frames = new EncodedFrame[workers.length];
        Runnable[] writes = new Runnable[workers.length];
        for (WorkerProcess w : workers) {
            int i = w.index;
            SharedVector argument = sharedArgument;
            boolean own = false;
            if (argument == null && !shared && sharedMemory.worthIt(8L * args.length(i))) {
                writes[i] = sharedMemory.ownArgumentWriter(i, args);
                argument = new SharedVector(SharedVector.OWN_ARGUMENT, args.length(i));
                own = true;
            }
            boolean replyInRegion = sharedMemory.worthIt(replyBytes[i]);
            if (replyInRegion) {
                sharedMemory.prepareReply(i, replyBytes[i] / 8);
            }
            List<RegionDeclaration> regions = sharedMemory.declarationsFor(i, sharedArgument != null, own, replyInRegion);
            Request r = new Request(command, seq, timeout, null, argument, regions, replyInRegion, null, 0);
            frames[i] = argument == null ? args.encode(i, w.encoder, r) : MessageCodec.encode(w.encoder, r);
        }
        return new Encoded(frames, writes);
    }
}
