package io.github.regpy4j.worker.internal;

/**
 * Bytes on the wire that are not a valid frame or message: a wrong magic number, an absurd
 * length, a checksum that does not match, an unknown code. The message quotes what was read.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what was read */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what was expected and what was read
     * @param cause the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
