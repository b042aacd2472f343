package io.github.regpy4j.hilbert;

import static io.github.regpy4j.hilbert.Grids.disc;
import static io.github.regpy4j.hilbert.Grids.grid;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.OperatorContractTest;
import io.github.regpy4j.vecsps.UniformGrid;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/** The operator contract for every Gram operator and every inverse this package builds. */
@Timeout(60)
class GramContractTest {

    private static double[] positiveWeights(int n, long seed) {
        Random rng = new Random(seed);
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 0.5 + rng.nextDouble();
        }
        return w;
    }

    @Nested
    class L2GramOnARealGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return L2.on(grid(false, 5, 4)).gram();
        }
    }

    @Nested
    class L2InverseOnARealGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return L2.on(grid(false, 5, 4)).gramInverse();
        }
    }

    @Nested
    class WeightedL2GramOnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid g = grid(true, 6);
            return L2.weighted(g, positiveWeights(g.size(), 11)).gram();
        }
    }

    @Nested
    class WeightedL2InverseOnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid g = grid(true, 6);
            return L2.weighted(g, positiveWeights(g.size(), 11)).gramInverse();
        }
    }

    @Nested
    class EuclideanGram extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Euclidean.on(grid(true, 3, 3)).gram();
        }
    }

    @Nested
    class SobolevGramOnARealGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Hm.on(grid(false, 6, 5), 2).gram();
        }
    }

    @Nested
    class SobolevInverseOnARealGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Hm.on(grid(false, 6, 5), 2).gramInverse();
        }
    }

    @Nested
    class FractionalSobolevGramOnAComplexLine extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Hm.on(grid(true, 9), 1.5).gram();
        }
    }

    @Nested
    class SobolevGramOnAComplexThreeDimensionalGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            return Hm.on(grid(true, 4, 3, 2), 1).gramInverse();
        }
    }

    @Nested
    class MaskedSobolevGramOnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid g = grid(true, 8, 8);
            return Hm.on(g, disc(g, 0.8), 2).gram();
        }
    }

    @Nested
    class MaskedSobolevInverseOnAComplexGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid g = grid(true, 8, 8);
            return Hm.on(g, disc(g, 0.8), 2).gramInverse();
        }
    }

    @Nested
    class MaskedSobolevInverseOnARealGrid extends OperatorContractTest {
        @Override
        protected Operator operator() {
            UniformGrid g = grid(false, 7, 6);
            return Hm.on(g, disc(g, 0.9), 1).gramInverse();
        }
    }
}
