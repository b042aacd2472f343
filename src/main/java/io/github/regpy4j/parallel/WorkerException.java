package io.github.regpy4j.parallel;

/**
 * The base of every failure of a worker: its operator threw ({@link RemoteOperatorException}),
 * it died ({@link WorkerCrashedException}), a call outlived its limit ({@link
 * WorkerTimeoutException}), it could not start ({@link WorkerStartupException}), or it wrote
 * something that is not the protocol ({@link WorkerProtocolException}).
 *
 * <p>regpy's {@code parallel_operators} has one failure, a {@code RuntimeError} carrying the
 * worker's exception as text (and none at all when a worker dies: the parent blocks); these types
 * tell the cases apart and keep what is known about each.
 */
public class WorkerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened, to which worker, during which command */
    public WorkerException(String message) {
        super(message);
    }

    /**
     * @param message what happened, to which worker, during which command
     * @param cause the underlying failure
     */
    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
