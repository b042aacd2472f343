package io.github.regpy4j.worker;

import io.github.regpy4j.worker.internal.WorkerMain;

/**
 * The {@code main} of a worker JVM: serves one operator over stdin and stdout until its parent
 * says {@code break} or goes away. Port of regpy's {@code OperatorAsWorker}.
 *
 * <p>Started by the parallel runtime, never by hand. Before anything else it re-points {@code
 * System.out} to {@code System.err}, so nothing an operator prints can reach the protocol
 * channel; the parent drains stderr into its log. Its first frame is a hello; then it
 * answers one reply per request.
 */
public final class OperatorWorker {

    private OperatorWorker() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        WorkerMain.run();
    }
}
