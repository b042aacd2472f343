package io.github.regpy4j.benchmarks;

import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.Reply;
import io.github.regpy4j.worker.internal.Request;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A rung of the per-call ladder (see {@link Ladder}): a single-threaded child that speaks the
 * runtime's wire format with the runtime's own codec ({@link FrameReader}, {@link MessageCodec},
 * {@link FrameEncoder}) and answers every request with its own vector, but without the worker's
 * two-thread command loop, watchdog or operator. What it costs over {@link EchoChild} is the
 * codec; what the real worker costs over it is the worker loop.
 *
 * <p>Argument {@code buffered}: stdin through a {@link BufferedInputStream} (one read per frame
 * instead of three). Argument {@code handoff}: two threads take turns reading as in the worker's
 * leader/follower loop, nothing else changed.
 */
public final class CodecEchoChild {

    private CodecEchoChild() {}

    /** @param args {@code [buffered]} */
    public static void main(String[] args) throws Exception {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        InputStream in = new FileInputStream(FileDescriptor.in);
        if (args.length > 0 && args[0].equals("buffered")) {
            in = new BufferedInputStream(in, 64 * 1024);
        }
        FrameReader reader = new FrameReader(in, FrameFormat.DEFAULT_MAX_PAYLOAD);
        MessageCodec codec = new MessageCodec();
        FrameEncoder encoder = new FrameEncoder();
        if (args.length > 0 && args[0].equals("handoff")) {
            handoff(reader, codec, encoder, out);
            return;
        }
        while (reader.next()) {
            Request q = codec.decodeRequest(reader);
            MessageCodec.encode(encoder, Reply.success(q.sequence(), q.vector())).writeTo(out);
        }
    }

    /**
     * The worker loop's leader/follower pattern, reduced to its synchronization: two threads take
     * turns reading; whoever read a request answers it while the other one reads the next.
     */
    private static void handoff(FrameReader reader, MessageCodec codec, FrameEncoder encoder, OutputStream out)
            throws InterruptedException {
        Object readTurn = new Object();
        Object writeLock = new Object();
        Runnable loop = () -> {
            try {
                while (true) {
                    Request q;
                    synchronized (readTurn) {
                        if (!reader.next()) {
                            Runtime.getRuntime().halt(0);
                        }
                        q = codec.decodeRequest(reader);
                    }
                    synchronized (writeLock) {
                        MessageCodec.encode(encoder, Reply.success(q.sequence(), q.vector())).writeTo(out);
                    }
                }
            } catch (java.io.IOException e) {
                Runtime.getRuntime().halt(1);
            }
        };
        Thread follower = new Thread(loop, "follower");
        follower.setDaemon(true);
        follower.start();
        loop.run();
    }
}
