package io.github.regpy4j.worker;

/**
 * A worker's first frame: who it is and which protocol it speaks.
 *
 * @param protocolVersion the wire protocol version; the parent refuses any but its own
 * @param pid the worker's process id
 * @param javaVersion the worker JVM's {@code java.version}
 */
public record Hello(int protocolVersion, long pid, String javaVersion) {

    /** The version of the wire protocol this library speaks. */
    public static final int PROTOCOL_VERSION = 1;
}
