package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What each worker of a parallel operator serves: an operator of its own, or, when there are
 * more operators than {@link WorkerOptions#maxWorkers()}, an {@link OperatorBlock} of
 * consecutive ones. A block of one operator is that operator, so without grouping nothing changes.
 * With {@link WorkerOptions#callerShare()}, the last unit is this JVM's ({@link CallerShare}), the
 * others the workers'.
 *
 * @param blocks how the operators are dealt
 * @param operators what each unit serves, in block order
 * @param descriptions what each unit serves, for its name
 * @param classes the classes of every operator, blocks' members included
 * @param distribution for a distributed vector of operators, which components each unit reads
 *     (each once); else {@code null}
 * @param callerShare whether the last unit is this JVM's
 */
record WorkerUnits(OperatorBlocks blocks, List<Operator> operators, List<String> descriptions, Set<Class<?>> classes,
        Distribution distribution, boolean callerShare) {

    /** @return the units of a column of operators with a common domain */
    static WorkerUnits common(List<? extends Operator> ops, WorkerOptions options) {
        OperatorBlocks blocks = OperatorBlocks.deal(ops.size(), evaluators(ops.size(), options));
        List<Operator> units = new ArrayList<>(blocks.count());
        for (int b = 0; b < blocks.count(); b++) {
            List<? extends Operator> members = blocks.members(ops, b);
            units.add(members.size() == 1 ? members.get(0) : OperatorBlock.common(members, blocks.first(b)));
        }
        return new WorkerUnits(blocks, units, descriptions(blocks, ops), classesOf(ops), null,
                options.sharesWithCaller(ops.size()));
    }

    /**
     * @param distribution the operators' distribution, already checked
     * @return the units of a distributed column of operators: each worker's domain is the
     *     components its block reads, each once
     */
    static WorkerUnits distributed(List<? extends Operator> ops, Distribution distribution, WorkerOptions options) {
        OperatorBlocks blocks = OperatorBlocks.deal(ops.size(), evaluators(ops.size(), options));
        DirectSum domain = distribution.domain();
        int m = domain.count();
        boolean[][] blockRows = new boolean[blocks.count()][m];
        List<Operator> units = new ArrayList<>(blocks.count());
        List<VectorSpace> unitDomains = new ArrayList<>(blocks.count());
        for (int b = 0; b < blocks.count(); b++) {
            for (int i = blocks.first(b); i < blocks.end(b); i++) {
                for (int j : distribution.components(i)) {
                    blockRows[b][j] = true;
                }
            }
            List<Integer> read = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (blockRows[b][j]) {
                    read.add(j);
                }
            }
            VectorSpace blockDomain = read.size() == 1 ? domain.summand(read.get(0))
                    : new DirectSum(read.stream().map(domain::summand).toList());
            List<? extends Operator> members = blocks.members(ops, b);
            if (members.size() == 1) {
                units.add(members.get(0));
            } else {
                // Each member's row, in the block's own components.
                boolean[][] rows = new boolean[members.size()][read.size()];
                for (int i = 0; i < members.size(); i++) {
                    for (int j : distribution.components(blocks.first(b) + i)) {
                        rows[i][read.indexOf(j)] = true;
                    }
                }
                units.add(OperatorBlock.distributed(members, blocks.first(b), blockDomain, rows));
            }
            unitDomains.add(blockDomain);
        }
        Distribution perWorker = new Distribution(domain, blockRows, unitDomains);
        return new WorkerUnits(blocks, units, descriptions(blocks, ops), classesOf(ops), perWorker,
                options.sharesWithCaller(ops.size()));
    }

    /** @return how many blocks the operators are dealt in: one per worker, and one more for this JVM's share */
    private static int evaluators(int operators, WorkerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("worker options are null; use WorkerOptions.defaults()");
        }
        return options.blocksFor(operators);
    }

    /** @return the number of worker JVMs: every unit but this JVM's share */
    int workerCount() {
        return operators.size() - (callerShare ? 1 : 0);
    }

    /** @return what each worker JVM serves, in worker order */
    List<Operator> workerOperators() {
        return operators.subList(0, workerCount());
    }

    /** @return what each worker JVM serves, for its name */
    List<String> workerDescriptions() {
        return descriptions.subList(0, workerCount());
    }

    /**
     * @return which components each worker JVM reads, without this JVM's share; {@code null} for a
     *     column with a common domain
     */
    Distribution workerDistribution() {
        if (distribution == null || !callerShare) {
            return distribution;
        }
        int k = workerCount();
        boolean[][] rows = new boolean[k][distribution.domain().count()];
        List<VectorSpace> domains = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            for (int j : distribution.components(b)) {
                rows[b][j] = true;
            }
            domains.add(distribution.operatorDomain(b));
        }
        return new Distribution(distribution.domain(), rows, domains);
    }

    private static List<String> descriptions(OperatorBlocks blocks, List<? extends Operator> ops) {
        List<String> d = new ArrayList<>(blocks.count());
        for (int b = 0; b < blocks.count(); b++) {
            String names = OperatorBlocks.simpleNames(blocks.members(ops, b));
            d.add(blocks.grouped() ? blocks.describe(b) + ": " + names : names);
        }
        return d;
    }

    private static Set<Class<?>> classesOf(List<? extends Operator> ops) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        ops.forEach(o -> classes.add(o.getClass()));
        return classes;
    }
}
