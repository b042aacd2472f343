package io.github.regpy4j.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker's command loop, run by two threads in a leader/follower pattern: one reads stdin
 * while the other executes. Whoever reads a request executes it, and the other thread takes over
 * reading at once. So stdin is read ahead at every moment (end of file, meaning the parent is gone,
 * halts the worker even in the middle of a long computation), and yet no request waits for a
 * thread hand-off on its way from the pipe to the operator.
 */
final class WorkerLoop {

    /** A command being executed, for the watchdog's time limit. */
    record Running(Thread thread, Request request, long deadlineNanos) {}

    private final FrameReader reader;
    private final MessageCodec decoder = new MessageCodec();
    private final OutputStream channel;
    private final FrameEncoder encoder = new FrameEncoder();
    private final WorkerSession session = new WorkerSession();
    private final WorkerRegions regions = new WorkerRegions();

    private final Object readTurn = new Object();
    private final Object execTurn = new Object();
    /** Guards the channel and {@link #running}: a reply and a timeout notice never interleave. */
    private final Object writeLock = new Object();

    private long nextTicket;
    private long nextToRun;
    private volatile Running running;

    WorkerLoop(InputStream in, OutputStream channel) {
        this.reader = new FrameReader(in, FrameFormat.DEFAULT_MAX_PAYLOAD);
        this.channel = channel;
    }

    void sendHello(Hello hello) {
        synchronized (writeLock) {
            write(MessageCodec.encode(encoder, hello));
        }
    }

    /** Serves until the parent says {@code break} or goes away; never returns normally. */
    void serve() {
        Thread follower = new Thread(this::loop, "regpy4j-worker-follower");
        follower.setDaemon(true);
        follower.start();
        loop();
    }

    /** @return the command executing now, or {@code null} */
    Running running() {
        return running;
    }

    /**
     * An {@link Error} that escapes a turn (an {@link OutOfMemoryError} while building the error
     * reply of an operator that ran out of memory, typically) would end this thread silently: the
     * other thread would go on waiting for the next request, the parent for this reply, forever.
     * The worker ends instead, so the parent sees a crash that names the cause.
     */
    private static final String ERROR_IN_TURN = new String("a worker thread failed outside the operator (out of"
            + " memory?) and cannot answer");
    /**
     * Built when the class loads, not where it is used: the first use of a string constant
     * resolves it, which allocates, and when this is needed there may be no memory left (an
     * OutOfMemoryError in this very catch block ended the thread anyway, and the parent waited).
     */
    private static final String OUT_OF_MEMORY = new String("out of memory outside the operator: cannot answer");

    private void loop() {
        try {
            turns();
        } catch (Throwable t) { // NOPMD: no thread of the loop may end while the worker lives on
            int status = t instanceof OutOfMemoryError ? WorkerExit.OUT_OF_MEMORY : WorkerExit.INTERNAL_ERROR;
            try {
                WorkerExit.halt(status, t instanceof OutOfMemoryError ? OUT_OF_MEMORY : ERROR_IN_TURN);
            } finally {
                // Even if saying why runs out of memory: the status alone names the cause.
                Runtime.getRuntime().halt(status);
            }
        }
    }

    private void turns() {
        while (true) {
            Request request;
            long ticket = -1;
            synchronized (readTurn) {
                request = readRequest();
                if (request.command() != Command.PING && request.command() != Command.BREAK) {
                    ticket = nextTicket++;
                }
            }
            // Leaving readTurn hands stdin to the other thread while this one executes.
            switch (request.command()) {
                case BREAK -> WorkerExit.halt(WorkerExit.NORMAL, "break");
                case PING -> {
                    // Answered at once, outside the order of execution, so a ping never keeps
                    // this thread from reading on (a heartbeat must not blind the worker to end of file).
                    synchronized (writeLock) {
                        write(MessageCodec.encode(encoder, new Reply(ExitCode.SUCCESS, request.sequence(), null, null,
                                null, request.ping())));
                    }
                }
                default -> executeInOrder(ticket, request);
            }
        }
    }

    private void executeInOrder(long ticket, Request request) {
        Reply reply;
        synchronized (execTurn) {
            awaitTurn(ticket);
            long deadline = request.timeoutMillis() > 0 ? System.nanoTime() + request.timeoutMillis() * 1_000_000 : 0;
            running = new Running(Thread.currentThread(), request, deadline);
            try {
                reply = execute(request);
            } finally {
                nextToRun++;
                execTurn.notifyAll();
            }
        }
        synchronized (writeLock) {
            running = null;
            try {
                write(MessageCodec.encode(encoder, reply));
            } catch (OutOfMemoryError e) {
                WorkerExit.halt(WorkerExit.OUT_OF_MEMORY, "out of memory while answering " + request.command());
            }
        }
    }

    private Reply execute(Request request) {
        if (request.command() == Command.RESET) {
            regions.clear();
            int left = session.reset();
            return new Reply(ExitCode.SUCCESS, request.sequence(), null, null, null, left);
        }
        Thread.currentThread().setContextClassLoader(session.loader());
        Request inline;
        try {
            inline = regions.materialize(request);
        } catch (java.io.IOException | RuntimeException e) {
            return Reply.error(request.sequence(), e);
        }
        return regions.place(request, session.execute(inline));
    }

    private void awaitTurn(long ticket) {
        while (ticket != nextToRun) {
            try {
                execTurn.wait();
            } catch (InterruptedException e) {
                // The loop threads are never interrupted on purpose; keep the order.
            }
        }
    }

    /**
     * Called by the watchdog when the running command is past its deadline: answers TIMEOUT with
     * where the command was stuck, then halts.
     */
    void timeOut(Running r) {
        synchronized (writeLock) {
            if (running != r) {
                return; // it finished meanwhile
            }
            Throwable where = new Throwable(r.request().command() + " ran longer than its limit of "
                    + r.request().timeoutMillis() + " ms; stack of the worker thread at that moment");
            where.setStackTrace(r.thread().getStackTrace());
            write(MessageCodec.encode(encoder, new Reply(ExitCode.TIMEOUT, r.request().sequence(), null,
                    null, RemoteError.of(where), 0)));
            WorkerExit.halt(WorkerExit.TIMEOUT, r.request().command() + " exceeded " + r.request().timeoutMillis() + " ms");
        }
    }

    private Request readRequest() {
        try {
            if (!reader.next()) {
                WorkerExit.halt(WorkerExit.NORMAL, "end of stdin");
            }
            return decoder.decodeRequest(reader);
        } catch (ProtocolException e) {
            WorkerExit.halt(WorkerExit.PROTOCOL_ERROR, "stdin is not a stream of requests: " + e.getMessage());
        } catch (IOException e) {
            WorkerExit.halt(WorkerExit.NORMAL, "stdin failed or ended inside a frame: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            WorkerExit.halt(WorkerExit.OUT_OF_MEMORY, "out of memory while reading a request");
        }
        throw new AssertionError("unreachable: halt returned");
    }

    private void write(EncodedFrame frame) {
        try {
            frame.writeTo(channel);
        } catch (IOException e) {
            WorkerExit.halt(WorkerExit.CHANNEL_LOST, "cannot write to the parent: " + e.getMessage());
        }
    }
}
