package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.RemoteError;

/**
 * An exception thrown in a worker, rebuilt in the parent: it prints as the original ({@code
 * java.lang.ArithmeticException: / by zero}) with the worker's stack trace and causes, whether or
 * not the original class exists here.
 */
public final class RemoteThrowable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The fully qualified class name of the exception in the worker. */
    private final String remoteClassName;
    /** Its message, possibly {@code null}. */
    private final String remoteMessage;

    private RemoteThrowable(String remoteClassName, String remoteMessage, RemoteThrowable cause) {
        super(remoteMessage, cause);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
    }

    static RemoteThrowable of(RemoteError e) {
        RemoteThrowable t = new RemoteThrowable(e.className(), e.message(), e.cause() == null ? null : of(e.cause()));
        t.setStackTrace(e.stackTrace());
        return t;
    }

    /** @return the class name of the exception in the worker */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** @return its message, possibly {@code null} */
    public String remoteMessage() {
        return remoteMessage;
    }

    // Prints as the worker's exception, under its class name rather than this one's; getMessage() stays
    // the remote message, so only toString can do that.
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage;
    }
}
