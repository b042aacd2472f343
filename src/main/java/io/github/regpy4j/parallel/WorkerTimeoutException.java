package io.github.regpy4j.parallel;

/**
 * A call outlived the call timeout of {@link WorkerOptions}. The worker has been ended and the
 * parallel operator closed. When the worker could still say where it was stuck, the cause is a
 * {@link RemoteThrowable} carrying that stack trace.
 */
public class WorkerTimeoutException extends WorkerException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which worker, which command, which limit
     * @param where where the worker was stuck, or {@code null}
     */
    public WorkerTimeoutException(String message, Throwable where) {
        super(message, where);
    }
}
