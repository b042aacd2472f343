package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.ExitCode;
import java.util.List;

/**
 * What the parent sends a worker.
 *
 * @param command what to do
 * @param sequence a number the reply echoes, so a reply can never be taken for another's
 * @param timeoutMillis how long the worker may work on it before answering {@link
 *     ExitCode#TIMEOUT}; 0 for no limit
 * @param vector the argument of a vector command when it travels inline, else {@code null}; never
 *     modified
 * @param shared the argument when it travels through shared memory, else {@code null}
 * @param regions regions to map before anything else, possibly empty
 * @param replyInRegion whether a vector result should be written into the {@link
 *     SharedVector#REPLY} region (when it fits) instead of the pipe
 * @param operatorBytes the Kryo bytes of the operator for {@link Command#INIT}, else {@code null}
 * @param ping the number a {@link Command#PING} echoes
 */
@SuppressWarnings("ArrayRecordComponent") // a protocol message: its arrays travel without a copy; never compared
public record Request(Command command, long sequence, long timeoutMillis, double[] vector, SharedVector shared,
        List<RegionDeclaration> regions, boolean replyInRegion, byte[] operatorBytes, long ping) {

    /**
     * @param command what to do
     * @param sequence the number the reply echoes
     * @param timeoutMillis how long the worker may work on it; 0 for no limit
     * @param vector the argument; never modified
     * @return a request carrying a vector argument inline
     */
    public static Request vector(Command command, long sequence, long timeoutMillis, double[] vector) {
        return new Request(command, sequence, timeoutMillis, vector, null, List.of(), false, null, 0);
    }

    /**
     * @param sequence the number the reply echoes
     * @param operatorBytes the Kryo bytes of the operator
     * @return the first request: the operator to serve
     */
    public static Request init(long sequence, byte[] operatorBytes) {
        return new Request(Command.INIT, sequence, 0, null, null, List.of(), false, operatorBytes, 0);
    }

    /**
     * @param sequence the number the reply echoes
     * @param value the number the worker echoes
     * @return a ping that the worker echoes
     */
    public static Request ping(long sequence, long value) {
        return new Request(Command.PING, sequence, 0, null, null, List.of(), false, null, value);
    }

    /**
     * @param sequence the number the reply echoes
     * @return the request that makes the worker forget its operator
     */
    public static Request reset(long sequence) {
        return new Request(Command.RESET, sequence, 0, null, null, List.of(), false, null, 0);
    }

    /**
     * @param sequence the number the reply echoes
     * @return the request that ends the worker
     */
    public static Request breakRequest(long sequence) {
        return new Request(Command.BREAK, sequence, 0, null, null, List.of(), false, null, 0);
    }
}
