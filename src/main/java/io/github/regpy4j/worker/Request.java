package io.github.regpy4j.worker;

/**
 * What the parent sends a worker.
 *
 * @param command what to do
 * @param sequence a number the reply echoes, so a reply can never be taken for another's
 * @param timeoutMillis how long the worker may work on it before answering {@link
 *     ExitCode#TIMEOUT}; 0 for no limit
 * @param vector the argument of a vector command, else {@code null}; never modified
 * @param operatorBytes the Kryo bytes of the operator for {@link Command#INIT}, else {@code null}
 * @param ping the number a {@link Command#PING} echoes
 */
public record Request(Command command, long sequence, long timeoutMillis, double[] vector, byte[] operatorBytes,
        long ping) {

    /** @return a request carrying a vector argument */
    public static Request vector(Command command, long sequence, long timeoutMillis, double[] vector) {
        return new Request(command, sequence, timeoutMillis, vector, null, 0);
    }

    /** @return the first request: the operator to serve */
    public static Request init(long sequence, byte[] operatorBytes) {
        return new Request(Command.INIT, sequence, 0, null, operatorBytes, 0);
    }

    /** @return a ping that the worker echoes */
    public static Request ping(long sequence, long value) {
        return new Request(Command.PING, sequence, 0, null, null, value);
    }

    /** @return the request that ends the worker */
    public static Request breakRequest(long sequence) {
        return new Request(Command.BREAK, sequence, 0, null, null, 0);
    }
}
