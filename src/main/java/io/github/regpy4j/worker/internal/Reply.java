package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.ExitCode;

/**
 * What a worker answers.
 *
 * @param code how the command ended
 * @param sequence the sequence number of the request answered
 * @param vector the result of a vector command on success when it travels inline, else {@code null}
 * @param shared the result when the worker wrote it into its reply region, else {@code null}
 * @param error the remote exception on {@link ExitCode#ERROR}, or where the command was stuck on
 *     {@link ExitCode#TIMEOUT}; else {@code null}
 * @param ping the echoed number of a {@link Command#PING}
 */
@SuppressWarnings("ArrayRecordComponent") // a protocol message: its vector travels without a copy; never compared
public record Reply(ExitCode code, long sequence, double[] vector, SharedVector shared, RemoteError error, long ping) {

    /**
     * @param sequence the sequence number of the request answered
     * @param vector the result, or {@code null} for commands without one
     * @return a successful reply carrying a vector inline (or none, for commands without one)
     */
    public static Reply success(long sequence, double[] vector) {
        return new Reply(ExitCode.SUCCESS, sequence, vector, null, null, 0);
    }

    /**
     * @param sequence the sequence number of the request answered
     * @param t what the operator threw
     * @return an error reply carrying the remote exception
     */
    public static Reply error(long sequence, Throwable t) {
        return new Reply(ExitCode.ERROR, sequence, null, null, RemoteError.of(t), 0);
    }

    /** @return whether the reply carries a vector, inline or shared */
    public boolean hasVector() {
        return vector != null || shared != null;
    }
}
