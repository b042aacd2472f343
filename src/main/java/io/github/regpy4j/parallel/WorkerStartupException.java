package io.github.regpy4j.parallel;

/**
 * A worker could not be started: the JVM did not start (a bad flag), the handshake did not come
 * within the startup timeout, the worker speaks another protocol version, or it could not build
 * its operator (a class missing from the classpath). The message carries the worker's stderr.
 * No worker of the operator is left running.
 */
public class WorkerStartupException extends WorkerException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, with the worker's stderr */
    public WorkerStartupException(String message) {
        super(message);
    }

    /**
     * @param message what failed, with the worker's stderr
     * @param cause the underlying failure
     */
    public WorkerStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
