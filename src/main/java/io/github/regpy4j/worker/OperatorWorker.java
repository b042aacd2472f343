package io.github.regpy4j.worker;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code main} of a worker JVM: serves one operator over stdin and stdout until its parent
 * says {@code break} or goes away. Port of regpy's {@code OperatorAsWorker}.
 *
 * <p>Started by the parallel runtime, never by hand. Before anything else it re-points {@code
 * System.out} to {@code System.err}, so nothing an operator prints can reach the protocol
 * channel; the parent drains stderr into its log. Its first frame is a {@link Hello}; then it
 * answers one {@link Reply} per {@link Request}.
 */
public final class OperatorWorker {

    /** A system property a test may set to make a worker announce another protocol version. */
    static final String PROTOCOL_OVERRIDE = "regpy4j.worker.protocolVersion";

    private OperatorWorker() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
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
            Watchdog.start(loop);
            loop.serve();
        } catch (Throwable t) { // NOPMD: whatever happens, the worker ends and says why
            WorkerLog.line("worker failed", t);
            WorkerExit.halt(WorkerExit.INTERNAL_ERROR, t.toString());
        }
    }
}
