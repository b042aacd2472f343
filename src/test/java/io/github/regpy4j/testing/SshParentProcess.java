package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A parent JVM whose workers start through SSH to the test sshd ({@link LocalSshd}): args {@code
 * mode n marker}; the workers carry {@code -Dregpy4j.test.marker=marker}. Prints {@code ready}, then
 * by mode: {@code idle} waits forever, {@code busy} waits inside a call that never returns. Prints,
 * since stdout is how it talks to the test.
 */
public final class SshParentProcess {

    private SshParentProcess() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Misbehaving(2));
        }
        WorkerOptions options = WorkerOptions.defaults().withLauncher(LocalSshd.launcher())
                .withJvmArgs(List.of("-Dregpy4j.test.marker=" + args[2]));
        ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops, options);
        System.out.println("ready");
        System.out.flush();
        switch (mode) {
            case "idle" -> Thread.sleep(Long.MAX_VALUE);
            case "busy" -> parallel.apply(Misbehaving.Trigger.SLEEP.argument(2));
            default -> throw new IllegalArgumentException(mode);
        }
    }
}
