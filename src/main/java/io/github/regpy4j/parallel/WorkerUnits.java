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
 *
 * @param blocks how the operators are dealt
 * @param operators what each worker serves, in worker order
 * @param descriptions what each worker serves, for its name
 * @param classes the classes of every operator, blocks' members included
 * @param distribution for a distributed vector of operators, which components each worker reads
 *     (each once); else {@code null}
 */
record WorkerUnits(OperatorBlocks blocks, List<Operator> operators, List<String> descriptions, Set<Class<?>> classes,
        Distribution distribution) {

    /** @return the units of a column of operators with a common domain */
    static WorkerUnits common(List<? extends Operator> ops, WorkerOptions options) {
        OperatorBlocks blocks = OperatorBlocks.deal(ops.size(), maxWorkers(options));
        List<Operator> units = new ArrayList<>(blocks.count());
        for (int b = 0; b < blocks.count(); b++) {
            List<? extends Operator> members = blocks.members(ops, b);
            units.add(members.size() == 1 ? members.get(0) : OperatorBlock.common(members, blocks.first(b)));
        }
        return new WorkerUnits(blocks, units, descriptions(blocks, ops), classesOf(ops), null);
    }

    /**
     * @param distribution the operators' distribution, already checked
     * @return the units of a distributed column of operators: each worker's domain is the
     *     components its block reads, each once
     */
    static WorkerUnits distributed(List<? extends Operator> ops, Distribution distribution, WorkerOptions options) {
        OperatorBlocks blocks = OperatorBlocks.deal(ops.size(), maxWorkers(options));
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
        return new WorkerUnits(blocks, units, descriptions(blocks, ops), classesOf(ops), perWorker);
    }

    private static int maxWorkers(WorkerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("worker options are null; use WorkerOptions.defaults()");
        }
        return options.maxWorkers();
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
