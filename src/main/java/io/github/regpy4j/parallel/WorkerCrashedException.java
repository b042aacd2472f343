package io.github.regpy4j.parallel;

/**
 * A worker process died: killed, {@code System.exit} in the operator, a JVM crash. The message
 * names the worker, the command, the exit status and the end of its stderr. The parallel operator
 * is closed when this is thrown.
 */
public class WorkerCrashedException extends WorkerException {

    private static final long serialVersionUID = 1L;

    /** The worker process's exit status, or -1 if unknown. */
    private final int exitStatus;

    /**
     * @param message which worker, which command, the exit status and the end of stderr
     * @param exitStatus the process's exit status, or -1 if unknown
     */
    public WorkerCrashedException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** @return the exit status of the worker process, or -1 if it is not known */
    public int exitStatus() {
        return exitStatus;
    }
}
