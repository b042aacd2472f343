package io.github.regpy4j.examples.mri;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.DirectSum;
import java.util.List;

/**
 * Where the coil operators run: the one place the example switches between sequential and
 * parallel evaluation. Both build the same operator, {@code (ρ, ĉ₀, …) ↦ (T₀(ρ, ĉ₀), …)}.
 */
public enum Execution {

    /** In this JVM, one coil after another: {@link VectorOfOperators} with a distribution. */
    SEQUENTIAL {
        @Override
        public Operator forwardOperator(List<Operator> coilOperators, DirectSum domain, boolean[][] distribution,
                WorkerOptions options) {
            return new VectorOfOperators(coilOperators, domain, distribution);
        }
    },

    /**
     * One child JVM per coil: {@link DistributedVectorOfOperators}, inside a
     * {@link ParallelExecutionManager} scope.
     */
    PARALLEL {
        @Override
        public Operator forwardOperator(List<Operator> coilOperators, DirectSum domain, boolean[][] distribution,
                WorkerOptions options) {
            return new DistributedVectorOfOperators(coilOperators, domain, distribution, options);
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
     * @param coilOperators one operator per coil. Not modified.
     * @param domain the joint domain of density and coils
     * @param distribution row {@code i}: the components operator {@code i} reads
     * @param options how child JVMs are started (ignored sequentially)
     * @return the forward operator; close it with {@link #close(Operator)}
     */
    public abstract Operator forwardOperator(List<Operator> coilOperators, DirectSum domain, boolean[][] distribution,
            WorkerOptions options);

    /** @return whether operators run in child JVMs */
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
        if (op instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + op, e);
            }
        }
    }
}
