package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Distribution;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.Command;
import java.util.Arrays;
import java.util.List;

/**
 * A column of operators evaluated in parallel, each in its own child JVM, each reading only the
 * components of a direct-sum argument that it needs. Port of regpy's {@code
 * DistributedVectorOfOperators}; its sequential twin is {@link
 * VectorOfOperators#VectorOfOperators(List, DirectSum, boolean[][])}, with which results agree
 * bit for bit.
 *
 * <p>{@code distribution[i][j]} is {@code true} when component {@code j} of the domain {@code X₀ ⊕
 * … ⊕ Xₘ₋₁} goes to operator {@code i}. Operator {@code i}'s domain is the summand {@code j} when
 * one entry of its row is true, else the {@code DirectSum} of the chosen summands in order; a row
 * with a single component is fine (regpy rejects it by a bug). The adjoint adds up, per
 * component, what every operator that reads it gives back:
 *
 * <pre>
 *   T(x)ᵢ = Tᵢ(x restricted to row i),   (T'(x)* y)ⱼ = Σ_{i reads j} (Tᵢ'(…)* yᵢ)ⱼ
 * </pre>
 *
 * <p>Life cycle and failures, and the normal operator computed in the workers, are those of
 * {@link ParallelVectorOfOperators}. Only each worker's
 * components travel to it, each once: with {@link WorkerOptions#withMaxWorkers(int)}, a worker
 * that serves several operators reading the same component receives it once. Values and
 * derivatives agree bit for bit with the sequential twin; grouped, the adjoint's sums per
 * component differ from it only in the order of the additions (tested at 1e-13). With {@link
 * WorkerOptions#withCallerShare(boolean)}, this JVM evaluates the last block itself, reading its
 * components from the caller's array, and its terms are added after the workers'.
 */
public final class DistributedVectorOfOperators extends WorkerBackedOperator {

    private final Distribution distribution;
    /** Per unit, where its argument's pieces are in the whole domain: see {@link #piecesOf}. */
    private final int[][] argumentPieces;
    /** Which components each worker JVM reads: every unit's but this JVM's share's. */
    private final Distribution workerDistribution;
    /** Per component of the domain, whether some worker JVM reads it. */
    private final boolean[] readByWorkers;
    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one. Not modified.
     * @param domain {@code X₀ ⊕ … ⊕ Xₘ₋₁}
     * @param distribution {@code n × m}, one row per operator, none empty. Not modified.
     * @throws IllegalArgumentException if the list is empty, the matrix has the wrong shape or an
     *     empty row, an operator's domain does not match its row, or an operator cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    public DistributedVectorOfOperators(List<? extends Operator> ops, DirectSum domain, boolean[][] distribution) {
        this(ops, domain, distribution, WorkerOptions.defaults());
    }

    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one. Not modified.
     * @param domain {@code X₀ ⊕ … ⊕ Xₘ₋₁}
     * @param distribution {@code n × m}, one row per operator, none empty. Not modified.
     * @param options how to start the workers and how long calls may take
     * @throws IllegalArgumentException if the list is empty, the matrix has the wrong shape or an
     *     empty row, an operator's domain does not match its row, or an operator cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    public DistributedVectorOfOperators(List<? extends Operator> ops, DirectSum domain, boolean[][] distribution,
            WorkerOptions options) {
        this(ops, distributionOf(domain, distribution, ops), options);
    }

    private DistributedVectorOfOperators(List<? extends Operator> ops, Distribution distribution, WorkerOptions options) {
        super(distribution.domain(), ops, WorkerUnits.distributed(ops, distribution, options), options);
        this.distribution = distribution;
        this.argumentPieces = piecesOf(units.distribution());
        this.workerDistribution = units.workerDistribution();
        this.readByWorkers = new boolean[distribution.domain().count()];
        for (int b = 0; b < workerDistribution.operatorCount(); b++) {
            for (int j : workerDistribution.components(b)) {
                readByWorkers[j] = true;
            }
        }
    }

    /** Checks everything before any worker starts. */
    private static Distribution distributionOf(DirectSum domain, boolean[][] distribution, List<? extends Operator> ops) {
        if (domain == null) {
            throw new IllegalArgumentException("the domain of a DistributedVectorOfOperators is null; it must be a DirectSum");
        }
        return new Distribution(domain, distribution, VectorOfOperators.operatorDomains(ops));
    }

    @Override
    double[] sumOfWorkers(Command command, CallArguments args, double[] into, Runnable alongside) {
        return workers.callCollected(command, args, workerDistribution, into, alongside);
    }

    @Override
    void addShare(CallerShare.Call share, double[] sum) {
        share.collectInto(sum, units.distribution(), readByWorkers);
    }

    @Override
    CallArguments argumentsFor(double[] x) {
        // Each worker's components go from x straight to its shared region (or, on the pipe path,
        // into the one array the frame needs), not through an array of their own first.
        return CallArguments.gathered(x, argumentPieces);
    }

    /**
     * @return per worker, the pairs {@code (from, length)} of {@code x} that make up its argument
     *     ({@link Distribution#argumentFor(double[], int)}), adjacent components joined into one piece
     */
    private static int[][] piecesOf(Distribution perWorker) {
        DirectSum domain = perWorker.domain();
        int[][] pieces = new int[perWorker.operatorCount()][];
        for (int i = 0; i < pieces.length; i++) {
            int[] p = new int[2 * domain.count()];
            int n = 0;
            for (int j : perWorker.components(i)) {
                int from = domain.offset(j);
                int length = domain.offset(j + 1) - from;
                if (n > 0 && p[n - 2] + p[n - 1] == from) {
                    p[n - 1] += length;
                } else {
                    p[n++] = from;
                    p[n++] = length;
                }
            }
            pieces[i] = Arrays.copyOf(p, n);
        }
        return pieces;
    }

    /** @return the validated distribution: which components each operator reads */
    public Distribution distribution() {
        return distribution;
    }

}
