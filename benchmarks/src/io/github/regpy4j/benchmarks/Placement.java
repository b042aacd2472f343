package io.github.regpy4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Where child processes run, for comparisons whose cost depends on it. A round trip to a child
 * on the parent's core costs a fraction of one to the other core (ANCHORS.md), and the
 * scheduler keeps a pattern for a long time, so a candidate and a baseline that landed
 * differently differ by 3× for no reason of their own (N = 2 unpinned: 0.6 to 2.5× raw from one
 * run to the next, BENCHMARKS.md). Before each repetition, the {@code i}-th baseline child and
 * the {@code i}-th worker are pinned, with all their threads, to the same randomly drawn core:
 * both are measured at the same placement, and the repetitions sample placements. The parent is
 * not pinned. Pinned round trips are slower than floating ones that the scheduler keeps on the
 * parent's core (N = 1: about 50 against 13 µs); the ratio is what this measures.
 */
final class Placement {

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    private final Random rng;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private boolean working = Files.isExecutable(TASKSET);

    /** @param rng where the cores are drawn from (seeded by the caller) */
    Placement(Random rng) {
        this.rng = rng;
    }

    /**
     * Pins {@code baseline.get(i)} and {@code candidate.get(i)} to one random core each {@code i}.
     *
     * @return whether they are pinned; {@code false} from the first failure on (no {@code
     *     taskset}, not Linux), after which nothing is pinned
     */
    boolean pinPairs(List<ProcessHandle> baseline, List<ProcessHandle> candidate) {
        if (!working) {
            return false;
        }
        for (int i = 0; i < Math.min(baseline.size(), candidate.size()); i++) {
            String core = Integer.toString(rng.nextInt(cores));
            working = pin(baseline.get(i), core) && pin(candidate.get(i), core);
            if (!working) {
                return false;
            }
        }
        return true;
    }

    private static boolean pin(ProcessHandle p, String core) {
        try {
            Process t = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", core,
                    Long.toString(p.pid())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return t.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
