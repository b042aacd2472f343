package io.github.regpy4j.worker;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One pass through everything a worker does on its way to its first answer, run by the JVM that
 * records a class-data-sharing archive: the classes it loads are the ones the archive keeps.
 */
final class WorkerTraining {

    /** The system property that makes {@link OperatorWorker} train instead of serve. */
    static final String PROPERTY = "regpy4j.worker.training";

    private WorkerTraining() {}

    static void run() throws IOException {
        VectorSpace x = VectorSpace.real(4);
        Operator op = new VectorOfOperators(List.of(new Identity(x), new Identity(x)));
        byte[] bytes = OperatorTransport.serialize(op);
        FrameEncoder encoder = new FrameEncoder();
        WorkerSession session = new WorkerSession();
        MessageCodec codec = new MessageCodec();
        long seq = 0;
        for (Request r : List.of(Request.init(++seq, bytes), Request.vector(Command.EVAL_DIFF, ++seq, 0, x.ones()),
                Request.vector(Command.DERIV, ++seq, 0, x.ones()),
                Request.vector(Command.ADJOINT, ++seq, 0, new DirectSum(x, x).ones()))) {
            Request back = roundTrip(MessageCodec.encode(encoder, r), codec::decodeRequest);
            Reply reply = session.execute(back);
            roundTrip(MessageCodec.encode(encoder, reply), codec::decodeReply);
        }
        roundTrip(MessageCodec.encode(encoder, new Hello(Hello.PROTOCOL_VERSION, 1, "training", "training")), codec::decodeHello);
        ProcessHandle.current().parent().map(p -> p.info().startInstant());
    }

    private static <T> T roundTrip(EncodedFrame f, java.util.function.Function<FrameReader, T> decode) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(f.bytes(), f.length())),
                FrameFormat.DEFAULT_MAX_PAYLOAD);
        if (!reader.next()) {
            throw new IOException("training frame vanished");
        }
        return decode.apply(reader);
    }
}
