package io.github.regpy4j.parallel;

/**
 * The operator threw in its worker. The remote exception's class, message and stack trace are
 * kept: {@link #remoteClassName()}, {@link #remoteMessage()}, and the cause, a {@link
 * RemoteThrowable} whose stack trace is the worker's (so a printed stack trace shows where in the
 * operator it failed). The worker stays usable, and so do the others.
 */
public class RemoteOperatorException extends WorkerException {

    private static final long serialVersionUID = 1L;

    /** The fully qualified class name of the exception in the worker. */
    private final String remoteClassName;
    /** Its message, possibly {@code null}. */
    private final String remoteMessage;

    /**
     * @param message which worker, which command, and the remote exception's summary
     * @param remote the remote exception
     */
    public RemoteOperatorException(String message, RemoteThrowable remote) {
        super(message, remote);
        this.remoteClassName = remote.remoteClassName();
        this.remoteMessage = remote.remoteMessage();
    }

    /** @return the fully qualified class name of the exception thrown in the worker */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** @return its message, possibly {@code null} */
    public String remoteMessage() {
        return remoteMessage;
    }
}
