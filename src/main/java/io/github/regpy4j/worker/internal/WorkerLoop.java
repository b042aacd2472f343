package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker's command loop. One thread reads a request, executes it and writes the reply, so
 * a short call costs one wake-up of one thread, as in a plain echo loop. While a command runs
 * long (the watchdog looks every tick), a second thread is lent the read turn and reads stdin
 * ahead: end of file (the parent is gone) and {@code break} then halt the worker in the middle of
 * the computation, and a ping is answered at once. A request it reads meanwhile waits for the
 * serving thread.
 *
 * <p>An earlier design had two threads take turns on every request (leader/follower). It also
 * read ahead at every moment, but each request woke the other thread: 2.3–2.9 context switches
 * per call instead of one, measured (BENCHMARKS.md), which on two cores doubled the cost of a
 * small call.
 */
final class WorkerLoop {

    /** A command being executed, for the watchdog: its time limit, and when to read ahead. */
    record Running(Thread thread, Request request, long startNanos, long deadlineNanos) {}

    /** How long a command runs before stdin is read ahead during it. */
    static final long READ_AHEAD_AFTER_NANOS = 100_000_000L;

    /*
     * Built when the class loads, not where they are used: the first use of a string constant
     * resolves it, which allocates, and when they are needed there may be no memory left.
     */
    private static final String OUT_OF_MEMORY = new String("out of memory outside the operator: cannot answer");
    private static final String ERROR_IN_LOOP = new String("a worker thread failed outside the operator and cannot answer");

    private final FrameReader reader;
    private final MessageCodec decoder = new MessageCodec();
    /** Large arguments are decoded from the pipe's pieces straight into the operator's array. */
    private final FrameReader.VectorHead requestHead = decoder.requestHead();
    private final OutputStream channel;
    private final FrameEncoder encoder = new FrameEncoder();
    private final WorkerSession session = new WorkerSession();
    private final WorkerRegions regions = new WorkerRegions();
    private final LentArrays lent = new LentArrays();

    /** Guards who reads stdin: the serving thread, or the thread reading ahead, never both. */
    private final Object readTurn = new Object();
    private boolean serverReading;
    private boolean aheadReading;
    /** A request the thread reading ahead read for the serving thread. */
    private Request readAhead;

    /** Guards the channel and {@link #running}: a reply and a timeout notice never interleave. */
    private final Object writeLock = new Object();
    private volatile Running running;
    /** When the parent was last heard from: a frame read, or the end of a call (for the idle silence). */
    private volatile long lastHeardNanos = System.nanoTime();

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
        // Runnables, not lambdas: a worker's start pays for each lambda's first link (profiled).
        Thread ahead = new Thread(new Runnable() {
            @Override
            public void run() {
                guarded(new Runnable() {
                    @Override
                    public void run() {
                        readAheadWhenLent();
                    }
                });
            }
        }, "regpy4j-worker-read-ahead");
        ahead.setDaemon(true);
        ahead.start();
        guarded(new Runnable() {
            @Override
            public void run() {
                while (true) {
                    executeAndReply(nextRequest());
                }
            }
        });
    }

    /**
     * An {@link Error} that escapes the loop (an {@link OutOfMemoryError} while building the error
     * reply of an operator that ran out of memory, typically) would end a thread silently while
     * the parent waits for its reply. The worker ends instead, so the parent sees a crash that
     * names the cause.
     */
    private static void guarded(Runnable loop) {
        try {
            loop.run();
        } catch (Throwable t) { // NOPMD: no thread of the loop may end while the worker lives on
            int status = t instanceof OutOfMemoryError ? WorkerExit.OUT_OF_MEMORY : WorkerExit.INTERNAL_ERROR;
            try {
                WorkerExit.halt(status, t instanceof OutOfMemoryError ? OUT_OF_MEMORY : ERROR_IN_LOOP);
            } finally {
                // Even if saying why runs out of memory: the status alone names the cause.
                Runtime.getRuntime().halt(status);
            }
        }
    }

    /** @return {@link System#nanoTime()} when a frame last arrived or a call last ended */
    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** @return the command executing now, or {@code null} */
    Running running() {
        return running;
    }

    private Request nextRequest() {
        synchronized (readTurn) {
            while (aheadReading && readAhead == null) {
                awaitQuietly(readTurn);
            }
            if (readAhead != null) {
                Request r = readAhead;
                readAhead = null;
                return r;
            }
            serverReading = true;
        }
        try {
            return readExecutable();
        } finally {
            synchronized (readTurn) {
                serverReading = false;
            }
        }
    }

    /**
     * Called by the watchdog every tick: when a command has run long, lends the read turn to the
     * thread that reads ahead.
     */
    void readAheadIfLong() {
        Running r = running;
        if (r == null || System.nanoTime() - r.startNanos() < READ_AHEAD_AFTER_NANOS) {
            return;
        }
        synchronized (readTurn) {
            if (!serverReading && !aheadReading && readAhead == null) {
                aheadReading = true;
                readTurn.notifyAll();
            }
        }
    }

    private void readAheadWhenLent() {
        while (true) {
            synchronized (readTurn) {
                while (!aheadReading) {
                    awaitQuietly(readTurn);
                }
            }
            Request r = readExecutable();
            synchronized (readTurn) {
                readAhead = r;
                aheadReading = false;
                readTurn.notifyAll();
            }
        }
    }

    /** Reads until a request to execute arrives: pings are answered at once; break and end of stdin halt. */
    private Request readExecutable() {
        while (true) {
            Request r = readRequest();
            switch (r.command()) {
                case BREAK -> WorkerExit.haltOnBreak();
                case PING -> {
                    synchronized (writeLock) {
                        write(MessageCodec.encode(encoder,
                                new Reply(ExitCode.SUCCESS, r.sequence(), null, null, null, r.ping())));
                    }
                }
                default -> {
                    return r;
                }
            }
        }
    }

    private void executeAndReply(Request request) {
        long start = System.nanoTime();
        long deadline = request.timeoutMillis() > 0 ? start + request.timeoutMillis() * 1_000_000 : 0;
        running = new Running(Thread.currentThread(), request, start, deadline);
        Reply reply = execute(request);
        synchronized (writeLock) {
            running = null;
            lastHeardNanos = System.nanoTime();
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
            lent.clear();
            int left = session.reset();
            return new Reply(ExitCode.SUCCESS, request.sequence(), null, null, null, left);
        }
        Thread.currentThread().setContextClassLoader(session.loader());
        LentArrays lending = session.lends(request.command()) ? lent : null;
        Request inline;
        try {
            inline = regions.materialize(request, lending);
        } catch (IOException | RuntimeException e) {
            return Reply.error(request.sequence(), e);
        }
        return regions.place(request, session.execute(inline, lending));
    }

    /**
     * Called by the watchdog when the running command is past its deadline: answers TIMEOUT with
     * where the command was stuck, then halts.
     */
    void timeOut(Running r) {
        synchronized (writeLock) {
            @SuppressWarnings("ReferenceEquality") // this very run of a command, not an equal one
            boolean finished = running != r;
            if (finished) {
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
            if (!reader.next(requestHead, null, 0, 0)) {
                WorkerExit.halt(WorkerExit.NORMAL, "end of stdin");
            }
            lastHeardNanos = System.nanoTime();
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

    @SuppressWarnings("WaitNotInLoop") // every caller waits in a while loop on its own condition
    private static void awaitQuietly(Object monitor) {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            // The loop's threads are never interrupted on purpose; keep waiting.
        }
    }
}
