package io.github.regpy4j.worker.internal;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.OperatorWorker;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The session a worker serves while a class-data-sharing archive is recorded: the real {@link
 * OperatorWorker}, fed these requests on stdin, loads every class of its way to its first answers,
 * and the JVM lists them for the archive. Internal to the runtime.
 */
public final class WorkerTraining {

    private WorkerTraining() {}

    /**
     * @return the frames of one session, end to end: an operator (regpy4j's own, so its classes
     *     belong to the archive), an evaluation with derivative, the derivative, its adjoint, a
     *     ping, and {@code break}
     */
    public static byte[] session() {
        return session(1);
    }

    /**
     * @param rounds how many times the evaluation, derivative, adjoint and normal operator are asked for: one lists
     *     the classes of a start; thousands make the hot methods of small calls profiled, as an AOT
     *     cache with method profiles wants (JEP 515)
     * @return the frames of the session: the operator, the rounds, a ping, and {@code break}
     */
    public static byte[] session(int rounds) {
        VectorSpace x = VectorSpace.real(4);
        Operator op = new VectorOfOperators(List.of(new Identity(x), new Identity(x)));
        FrameEncoder encoder = new FrameEncoder();
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        long seq = 0;
        script.writeBytes(MessageCodec.encode(encoder, Request.init(++seq, OperatorTransport.serialize(op))).toByteArray());
        double[] y = new DirectSum(x, x).ones();
        for (int r = 0; r < rounds; r++) {
            for (Request q : List.of(Request.vector(Command.EVAL_DIFF, ++seq, 0, x.ones()),
                    Request.vector(Command.DERIV, ++seq, 0, x.ones()), Request.vector(Command.ADJOINT, ++seq, 0, y),
                    Request.vector(Command.NORMAL, ++seq, 0, x.ones()))) {
                script.writeBytes(MessageCodec.encode(encoder, q).toByteArray());
            }
        }
        for (Request q : List.of(Request.ping(++seq, 1), Request.breakRequest(++seq))) {
            script.writeBytes(MessageCodec.encode(encoder, q).toByteArray());
        }
        return script.toByteArray();
    }
}
