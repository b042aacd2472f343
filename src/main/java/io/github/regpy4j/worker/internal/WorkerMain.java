package io.github.regpy4j.worker.internal;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What {@link io.github.regpy4j.worker.OperatorWorker#main(String[])} does: the worker's whole
 * life, here so that the loop, the watchdog and the exit statuses it uses stay package-private.
 */
public final class WorkerMain {

    /** A system property a test may set to make a worker announce another protocol version. */
    static final String PROTOCOL_OVERRIDE = "regpy4j.worker.protocolVersion";

    private WorkerMain() {}

    /**
     * Serves one operator over stdin and stdout until the parent says {@code break} or goes away;
     * ends the JVM with a {@link WorkerExit} status when anything fails.
     */
    public static void run() {
        OutputStream channel = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        // Buffered: a small request arrives in one read() instead of three (header, payload, checksum);
        // large payloads bypass the buffer.
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), FrameFormat.WRITE_CHUNK);
        try {
            WorkerLoop loop = new WorkerLoop(in, channel);
            int version = Integer.getInteger(PROTOCOL_OVERRIDE, Hello.PROTOCOL_VERSION);
            String library = System.getProperty(WorkerSettings.LIBRARY_VERSION_OVERRIDE, WorkerSettings.libraryVersion());
            long pid = ProcSelf.pid(); // ProcessHandle costs a thread pool's start; see ProcSelf
            if (pid < 0) {
                pid = ProcessHandle.current().pid();
            }
            loop.sendHello(new Hello(version, pid, System.getProperty("java.version"), library));
            if (in.available() == 0) {
                warmUpInBackground(); // after the hello, which the parent may be waiting for
            }
            Watchdog.start(loop);
            loop.serve();
        } catch (Throwable t) { // NOPMD: whatever happens, the worker ends and says why
            WorkerLog.line("worker failed", t);
            WorkerExit.halt(WorkerExit.INTERNAL_ERROR, t.toString());
        }
    }

    /**
     * A worker started ahead of its operator (prestarted) finds no request waiting when it starts:
     * it loads what rebuilding an operator needs while it waits ({@link
     * OperatorTransport#warmUp()}), on a thread of its own, so that it still reads requests. A
     * worker whose operator is already in the pipe, as in every start but a prestart, rebuilds it
     * at once instead: the same classes, loaded once.
     */
    private static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                OperatorTransport.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // Only time is lost: the first operator's rebuilding loads the classes, and reports what fails.
                WorkerLog.line("warm-up before the first operator failed", e);
            }
        }, "regpy4j-worker-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
