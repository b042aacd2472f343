package io.github.regpy4j.parallel;

/**
 * A worker wrote bytes that are not the protocol to its stdout: typically native code or a raw
 * write to file descriptor 1. The message quotes them. The parallel operator is closed.
 */
public class WorkerProtocolException extends WorkerException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which worker, and the bytes read
     * @param cause the codec's report
     */
    public WorkerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
