package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.testing.ComplexScaling;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.Product;
import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The parallel operators keep the contract of every operator: one group of workers per class,
 * shared by its tests, closed afterwards with nothing left running.
 */
@Timeout(60)
class ParallelContractTest {

    private static final long SEED = 20261126L;

    /** Shares one instance between the tests of a class and closes it after them. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class WithWorkers extends OperatorContractTest {
        private AutoCloseable instance;

        abstract Operator start();

        @Override
        protected Operator operator() {
            if (instance == null) {
                instance = (AutoCloseable) start();
            }
            return (Operator) instance;
        }

        @AfterAll
        void closeWorkers() throws Exception {
            if (instance != null) {
                instance.close();
            }
            Processes.assertNoDescendants();
        }
    }

    @org.junit.jupiter.api.Nested
    class NonlinearVector extends WithWorkers {
        @Override
        Operator start() {
            Random rng = new Random(SEED);
            VectorSpace x = VectorSpace.real(6);
            return new ParallelVectorOfOperators(List.of(new Quadratic(x, x.randn(rng), 0.3),
                    new Quadratic(x, x.randn(rng), -2)));
        }
    }

    @org.junit.jupiter.api.Nested
    class LinearComplexVector extends WithWorkers {
        @Override
        Operator start() {
            Random rng = new Random(SEED);
            VectorSpace c = VectorSpace.complex(3, 4);
            return new ParallelVectorOfOperators(List.of(new ComplexScaling(c, c.randn(rng)),
                    new ComplexScaling(c, c.randn(rng))));
        }
    }

    @org.junit.jupiter.api.Nested
    class DistributedBilinear extends WithWorkers {
        @Override
        Operator start() {
            VectorSpace r5 = VectorSpace.real(5);
            DirectSum domain = new DirectSum(r5, r5, r5);
            boolean[][] rows = {{true, true, false}, {true, false, true}, {false, false, true}};
            return new DistributedVectorOfOperators(List.of(new Product(r5), new Product(r5),
                    new Quadratic(r5, r5.ones(), 1)), domain, rows);
        }
    }

    /** Two operators on one worker, one in this JVM's share ({@link WorkerOptions#withCallerShare(boolean)}). */
    @org.junit.jupiter.api.Nested
    class NonlinearVectorWithCallerShare extends WithWorkers {
        @Override
        Operator start() {
            Random rng = new Random(SEED);
            VectorSpace x = VectorSpace.real(6);
            return new ParallelVectorOfOperators(List.of(new Quadratic(x, x.randn(rng), 0.3),
                    new Quadratic(x, x.randn(rng), -2), new Quadratic(x, x.randn(rng), 1.5)),
                    WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true));
        }
    }

    /** Component 2 is read by the share's operator alone, component 0 by the worker's alone. */
    @org.junit.jupiter.api.Nested
    class DistributedBilinearWithCallerShare extends WithWorkers {
        @Override
        Operator start() {
            VectorSpace r5 = VectorSpace.real(5);
            DirectSum domain = new DirectSum(r5, r5, r5);
            boolean[][] rows = {{true, true, false}, {true, true, false}, {false, true, true}};
            return new DistributedVectorOfOperators(List.of(new Product(r5), new Product(r5),
                    new Product(r5)), domain, rows, WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true));
        }
    }
}
