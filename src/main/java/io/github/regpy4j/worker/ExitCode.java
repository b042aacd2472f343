package io.github.regpy4j.worker;

/** How a worker answered a request. Port of regpy's {@code parallel_operators.ExitCode}. */
public enum ExitCode {
    /** The command ran; the reply carries its result. */
    SUCCESS,
    /** The operator threw; the reply carries the remote exception (class, message, stack, causes). */
    ERROR,
    /** The command outlived its time limit; the reply carries where it was stuck, and the worker ends. */
    TIMEOUT
}
