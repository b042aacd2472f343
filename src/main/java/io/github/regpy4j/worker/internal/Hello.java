package io.github.regpy4j.worker.internal;

/**
 * A worker's first frame: who it is and which protocol it speaks.
 *
 * @param protocolVersion the wire protocol version; the parent refuses any but its own
 * @param pid the worker's process id
 * @param javaVersion the worker JVM's {@code java.version}
 * @param libraryVersion the version of regpy4j on the worker's classpath; the parent refuses any but
 *     its own ({@code unknown} from a worker of protocol version 1, which did not send it)
 */
public record Hello(int protocolVersion, long pid, String javaVersion, String libraryVersion) {

    /**
     * The version of the wire protocol this library speaks: 2 added the library version to the
     * hello, 3 the command {@code normal}.
     */
    public static final int PROTOCOL_VERSION = 3;
}
