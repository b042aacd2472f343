package io.github.regpy4j.worker;

/**
 * What a worker answers.
 *
 * @param code how the command ended
 * @param sequence the sequence number of the request answered
 * @param vector the result of a vector command on success, else {@code null}
 * @param error the remote exception on {@link ExitCode#ERROR}, or where the command was stuck on
 *     {@link ExitCode#TIMEOUT}; else {@code null}
 * @param ping the echoed number of a {@link Command#PING}
 */
public record Reply(ExitCode code, long sequence, double[] vector, RemoteError error, long ping) {

    /** @return a successful reply carrying a vector (or none, for commands without one) */
    public static Reply success(long sequence, double[] vector) {
        return new Reply(ExitCode.SUCCESS, sequence, vector, null, 0);
    }

    /** @return an error reply carrying the remote exception */
    public static Reply error(long sequence, Throwable t) {
        return new Reply(ExitCode.ERROR, sequence, null, RemoteError.of(t), 0);
    }
}
