package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.OperatorTransport;
import io.github.regpy4j.worker.internal.RemoteError;
import io.github.regpy4j.worker.internal.ServedOperator;

/**
 * The share of a parallel operator's operators that this JVM evaluates itself ({@link
 * WorkerOptions#withCallerShare(boolean)}): the last block, evaluated on the calling thread while
 * the workers evaluate theirs, and put into the call's result beside theirs.
 *
 * <p>It evaluates its own copy of the block, made as a worker's is (serialized and read back), and
 * serves it as a worker does ({@link ServedOperator}), apart from the caller's operators, which the
 * caller may go on using. A failure is held until the workers have answered (their pipes must stay
 * in step) and then thrown as a worker's would be: a {@link RemoteOperatorException} that names
 * the operator.
 *
 * <p>Each call has a {@link Call} of its own, so calls from several threads cannot take each
 * other's results; the evaluation itself runs under the group's call lock, one at a time, which
 * also guards the linearization.
 */
final class CallerShare {

    private final String name;
    /** The copy and its linearization; guarded by the call lock. */
    private final ServedOperator unit;

    /**
     * @param name how messages name this share, e.g. {@code ParallelVectorOfOperators#3/this JVM (operators 5–9: 5 × Coil)}
     * @param unit this JVM's copy of the block (or operator) it evaluates ({@link #copyOf})
     */
    CallerShare(String name, Operator unit) {
        this.name = name;
        this.unit = new ServedOperator(unit);
    }

    /**
     * @param unit the block (or operator) this JVM is to evaluate. Not modified.
     * @param index its index among the units, for the message
     * @return its copy, made as a worker's is
     * @throws IllegalArgumentException if it cannot travel, as a worker's could not
     */
    static Operator copyOf(Operator unit, int index) {
        try {
            return OperatorTransport.copyOf(unit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operator " + index + " (" + unit + "): " + e.getMessage(), e.getCause());
        }
    }

    /**
     * @param command the call's command
     * @param args every unit's arguments; this share's is the one at {@code index}. Not modified.
     * @param index this share's index among the units
     * @return the share's part of one call: run it once the workers' requests are out
     */
    Call call(Command command, CallArguments args, int index) {
        return new Call(command, args, index);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The share's part of one call: evaluated on the calling thread while the workers compute; it
     * never throws there, so their replies are read whatever happens here. Its result then goes
     * into the call's result, or its failure is thrown.
     */
    final class Call implements Runnable {
        private final Command command;
        private final CallArguments args;
        private final int index;
        private double[] result;
        private Throwable failure;

        private Call(Command command, CallArguments args, int index) {
            this.command = command;
            this.args = args;
            this.index = index;
        }

        @Override
        public void run() {
            try {
                // Taken here, once the requests are out: a slice or gathered components are a copy.
                result = unit.evaluate(command, args.whole(index));
            } catch (Throwable t) {
                failure = t;
            }
        }

        /**
         * Copies the result into the joined result.
         *
         * @param joined the whole result. Modified.
         * @param offset where this share's part begins
         * @throws RemoteOperatorException if the share's operator threw
         */
        void copyInto(double[] joined, int offset) {
            double[] r = result();
            System.arraycopy(r, 0, joined, offset, r.length);
        }

        /**
         * Adds the result to the workers' sum: after theirs, as the last term.
         *
         * @param sum the workers' sum. Modified.
         * @throws RemoteOperatorException if the share's operator threw
         */
        void addInto(double[] sum) {
            double[] r = result();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += r[k];
            }
        }

        /**
         * Adds the result, component by component, to the workers' element of the whole domain;
         * a component no worker reads is this share's alone and is copied.
         *
         * @param element the workers' element of the whole domain. Modified.
         * @param all which components each unit reads; this share is the last unit
         * @param readByWorkers per component, whether some worker reads it
         * @throws RemoteOperatorException if the share's operator threw
         */
        void collectInto(double[] element, Distribution all, boolean[] readByWorkers) {
            double[] r = result();
            DirectSum domain = all.domain();
            int at = 0;
            for (int j : all.components(all.operatorCount() - 1)) {
                int from = domain.offset(j);
                int length = domain.offset(j + 1) - from;
                if (readByWorkers[j]) {
                    for (int k = 0; k < length; k++) {
                        element[from + k] += r[at + k];
                    }
                } else {
                    System.arraycopy(r, at, element, from, length);
                }
                at += length;
            }
        }

        /**
         * @param e what the workers' part of the call threw
         * @return {@code e}, with this share's own failure, if any, added as suppressed, as a
         *     worker's would be
         */
        RuntimeException alongside(RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure instanceof Error ? failure : asThrown(failure));
            }
            return e;
        }

        private double[] result() {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw asThrown(failure);
            }
            if (result == null) {
                throw new IllegalStateException(name + " has no result for " + command);
            }
            return result;
        }

        /** As from a worker: a block names the member that threw, and its exception is the cause. */
        private RemoteOperatorException asThrown(Throwable failed) {
            RemoteOperatorException e = CallFailures.operatorThrew(name, command, RemoteError.of(failed));
            // In this JVM the exception itself is at hand, with its own type, beside the remote form.
            e.addSuppressed(failed instanceof OperatorBlock.MemberFailure m && m.getCause() != null ? m.getCause() : failed);
            return e;
        }
    }
}
