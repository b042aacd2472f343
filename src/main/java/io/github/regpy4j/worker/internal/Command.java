package io.github.regpy4j.worker.internal;

/**
 * What the parent asks a worker to do. The names on the wire are regpy's ({@code eval_nodiff},
 * {@code eval_diff}, {@code deriv}, {@code adjoint}, {@code break}), plus the operator itself,
 * which travels first, a ping, and {@code normal}: {@code deriv} and then {@code adjoint} of its
 * result, in one call, so that the derivative's value never leaves the worker.
 */
public enum Command {
    /** The operator to serve: Kryo bytes, or the name of a factory class to build it with. Sent first. */
    INIT("init"),
    /** {@code F(x)}; revokes the last derivative. */
    EVAL_NODIFF("eval_nodiff"),
    /** {@code F(x)}, keeping {@code F'(x)} for {@link #DERIV} and {@link #ADJOINT}. */
    EVAL_DIFF("eval_diff"),
    /** {@code F'(x)h} at the last {@link #EVAL_DIFF} (or {@code F h} for a linear operator). */
    DERIV("deriv"),
    /** {@code F'(x)* y} at the last {@link #EVAL_DIFF} (or {@code F* y} for a linear operator). */
    ADJOINT("adjoint"),
    /** Answered at once with the same payload: liveness and latency. */
    PING("ping"),
    /** End the worker now, without waiting for a command in progress. */
    BREAK("break"),
    /**
     * Forget the operator, its linearization, its classes and its shared memory, so the worker can
     * serve another operator; answered with the number of threads the operator left running.
     */
    RESET("reset"),
    /**
     * {@code F'(x)* F'(x) h} at the last {@link #EVAL_DIFF} (or {@code F* F h} for a linear
     * operator): {@link #DERIV} and then {@link #ADJOINT} of its result, in one call. Added in
     * protocol version 3.
     */
    NORMAL("normal");

    private static final Command[] VALUES = values();
    private final String wireName;

    Command(String wireName) {
        this.wireName = wireName;
    }

    /** @return regpy's name of the command, e.g. {@code eval_diff} */
    public String wireName() {
        return wireName;
    }

    /**
     * @return whether the command needs the derivative at the last {@link #EVAL_DIFF} of a
     *     nonlinear operator
     */
    public boolean needsLinearization() {
        return this == DERIV || this == ADJOINT || this == NORMAL;
    }

    /** @return whether the command answers with an element of the operator's domain */
    public boolean answersInDomain() {
        return this == ADJOINT || this == NORMAL;
    }

    /** @return whether the command carries a vector argument and answers with a vector */
    public boolean carriesVector() {
        return this == EVAL_NODIFF || this == EVAL_DIFF || this == DERIV || this == ADJOINT || this == NORMAL;
    }

    static Command ofCode(int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new ProtocolException("unknown command code " + code + " in a request");
        }
        return VALUES[code];
    }

    @Override
    public String toString() {
        return wireName;
    }
}
