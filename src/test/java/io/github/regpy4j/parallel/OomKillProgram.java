package io.github.regpy4j.parallel;

import io.github.regpy4j.testing.Misbehaving;
import java.util.List;

/**
 * Run by {@link OomKillTest} inside a memory cgroup with a small limit: one worker, given a heap
 * larger than the limit, fills it until the kernel's OOM killer ends it. Prints the message of
 * the {@link WorkerCrashedException} and exits 0 when there was one; 1 if the call succeeded.
 */
public final class OomKillProgram {

    private OomKillProgram() {}

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        WorkerOptions big = WorkerOptions.defaults().withJvmArgs(List.of("-Xmx4g"));
        try (var p = new ParallelVectorOfOperators(List.of(new Misbehaving(4)), big)) {
            p.apply(Misbehaving.Trigger.OOM.argument(4));
            System.out.println("the call succeeded");
            System.exit(1);
        } catch (WorkerCrashedException e) {
            System.out.println("CRASH " + e.getMessage().replace('\n', ' '));
        }
    }
}
