package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.operators.scattering.MediumScattering;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.List;

/**
 * Where the blocks of incident directions are solved: the one place the example switches between
 * sequential and parallel evaluation. Both build {@code a ↦ (F₀(a), …, F_{K−1}(a))} from the same
 * operators, so both do the same arithmetic in the same order.
 */
public enum Execution {

    /** In this JVM, one block after another: {@link VectorOfOperators}. */
    SEQUENTIAL {
        @Override
        public Operator forwardOperator(List<MediumScattering> parts, WorkerOptions options) {
            return new VectorOfOperators(parts);
        }
    },

    /** One child JVM per block: {@link ParallelVectorOfOperators}, inside a {@link ParallelExecutionManager}. */
    PARALLEL {
        @Override
        public Operator forwardOperator(List<MediumScattering> parts, WorkerOptions options) {
            return new ParallelVectorOfOperators(parts, options);
        }

        @Override
        public boolean isParallel() {
            return true;
        }

        @Override
        public AutoCloseable scope(WorkerOptions options, int workerJvms) {
            // The workers boot while this JVM serializes the operators for them.
            return ParallelExecutionManager.builder().prestart(workerJvms).prestartOptions(options).build();
        }
    };

    /**
     * @param parts one operator per block of incident directions. Not modified.
     * @param options how child JVMs are started (ignored sequentially)
     * @return the forward operator; close it with {@link #close(Operator)}
     */
    public abstract Operator forwardOperator(List<MediumScattering> parts, WorkerOptions options);

    /** @return whether the blocks are solved in child JVMs */
    public boolean isParallel() {
        return false;
    }

    /**
     * A scope that owns every worker started inside it (a {@link ParallelExecutionManager});
     * nothing to own sequentially.
     *
     * @param options the options the workers will be started with
     * @param workerJvms how many worker JVMs the operator will start: the scope starts them ahead
     * @return the scope, for try-with-resources
     */
    public AutoCloseable scope(WorkerOptions options, int workerJvms) {
        return () -> { };
    }

    /**
     * Closes an operator built by {@link #forwardOperator} if it holds workers.
     *
     * @param op the operator
     */
    public static void close(Operator op) {
        io.github.regpy4j.examples.mri.Execution.close(op);
    }
}
