package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import java.util.ArrayList;
import java.util.List;

/**
 * A parent JVM for tests of parent death: starts a parallel operator of {@code n} workers, prints
 * {@code worker <pid>} for each and {@code ready}, then, by mode: {@code idle} waits forever,
 * {@code busy} waits inside a call that never returns, {@code exit} returns from main without
 * closing (the shutdown hook must end the workers). Prints, since stdout is how it talks to the test.
 */
public final class ParentProcess {

    private ParentProcess() {}

    /**
     * Reads what a parent started from this class prints, up to {@code ready}.
     *
     * @param parent the parent process. Its stdout is read.
     * @return its workers still present (one already gone has nothing left to check)
     * @throws java.io.IOException if the parent's stdout cannot be read
     */
    public static List<ProcessHandle> readWorkers(Process parent) throws java.io.IOException {
        List<ProcessHandle> workers = new ArrayList<>();
        java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(parent.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.equals("ready")) {
            if (line.startsWith("worker ")) {
                ProcessHandle.of(Long.parseLong(line.substring(7))).ifPresent(workers::add);
            }
        }
        if (!"ready".equals(line)) {
            throw new AssertionError("the parent ended without saying ready");
        }
        return workers;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Misbehaving(2));
        }
        ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops);
        for (ProcessHandle p : parallel.workerProcesses()) {
            System.out.println("worker " + p.pid());
        }
        System.out.println("ready");
        System.out.flush();
        switch (mode) {
            case "idle" -> Thread.sleep(Long.MAX_VALUE);
            case "busy" -> parallel.apply(Misbehaving.Trigger.SLEEP.argument(2));
            case "exit" -> { }
            default -> throw new IllegalArgumentException(mode);
        }
    }
}
