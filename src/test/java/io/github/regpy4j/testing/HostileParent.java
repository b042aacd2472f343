package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import java.util.ArrayList;
import java.util.List;

/**
 * A parent JVM for the hostile suite's parent-death tests: starts {@code n} {@link Misbehaving}
 * workers on ℝ<sup>size</sup>, prints {@code worker <pid>} for each and {@code ready}, then, by
 * mode: {@code idle} waits; {@code busy} waits inside a call that never returns; {@code
 * grandchild} waits inside a call whose operators each started {@code sleep 600.<tag>}. Prints,
 * since stdout is how it talks to the test.
 *
 * <p>Arguments: mode, n, size, tag (for {@code grandchild}).
 */
public final class HostileParent {

    private HostileParent() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        long tag = args.length > 3 ? Long.parseLong(args[3]) : 0;
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Misbehaving(size));
        }
        ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops);
        for (ProcessHandle p : parallel.workerProcesses()) {
            System.out.println("worker " + p.pid());
        }
        System.out.println("ready");
        System.out.flush();
        switch (mode) {
            case "idle" -> Thread.sleep(Long.MAX_VALUE);
            case "busy" -> parallel.apply(Misbehaving.Trigger.SLEEP.argument(size));
            case "grandchild" -> parallel.apply(Misbehaving.Trigger.SUBPROCESS_MARKED.argument(size, tag));
            default -> throw new IllegalArgumentException(mode);
        }
    }
}
