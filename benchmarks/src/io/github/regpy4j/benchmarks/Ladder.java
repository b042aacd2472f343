package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where the per-call time goes: the same 8-double apply to N children, climbing from the raw
 * 16-byte echo to the full runtime one layer at a time, interleaved and repeated:
 *
 * <ol>
 *   <li>raw: {@link EchoChild}, 16 bytes each way;
 *   <li>codec: {@link CodecEchoChild}, the runtime's frames and codec on both sides, one thread;
 *   <li>codec, buffered stdin: the same with a {@link java.io.BufferedInputStream} in the child;
 *   <li>runtime: {@link ParallelVectorOfOperators#apply}.
 * </ol>
 *
 * <pre>./mvnw -q -B -o test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.Ladder -Dexec.programArgs="1 2 4 8"</pre>
 */
public final class Ladder {

    private Ladder() {}

    /** The parent side of a {@link CodecEchoChild} group. */
    static final class CodecChildren implements AutoCloseable {
        private final List<Process> ps = new ArrayList<>();
        private final List<OutputStream> outs = new ArrayList<>();
        private final List<FrameReader> readers = new ArrayList<>();
        private final MessageCodec codec = new MessageCodec();
        private final FrameEncoder encoder = new FrameEncoder();
        private long seq;

        List<ProcessHandle> handles() {
            return ps.stream().map(Process::toHandle).toList();
        }

        CodecChildren(int n, String mode) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(RawChildren.runtimeDefaultFlags());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(CodecEchoChild.class.getName());
            if (!mode.isEmpty()) {
                cmd.add(mode);
            }
            for (int i = 0; i < n; i++) {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                ps.add(p);
                outs.add(p.getOutputStream());
                readers.add(new FrameReader(p.getInputStream(), FrameFormat.DEFAULT_MAX_PAYLOAD));
            }
        }

        double[][] call(double[] x) throws IOException {
            EncodedFrame f = MessageCodec.encode(encoder, Request.vector(Command.EVAL_NODIFF, ++seq, 0, x));
            for (OutputStream o : outs) {
                f.writeTo(o);
            }
            double[][] r = new double[readers.size()][];
            for (int i = 0; i < r.length; i++) {
                if (!readers.get(i).next()) {
                    throw new IOException("child gone");
                }
                r[i] = codec.decodeReply(readers.get(i)).vector();
            }
            return r;
        }

        @Override
        public void close() throws IOException {
            for (int i = 0; i < ps.size(); i++) {
                outs.get(i).close();
            }
            for (Process p : ps) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** @return voluntary + involuntary context switches of every thread of these processes so far */
    static long contextSwitches(List<ProcessHandle> processes) throws IOException {
        long sum = 0;
        for (ProcessHandle h : processes) {
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(h.pid()), "task"))) {
                for (java.nio.file.Path t : tasks.toList()) {
                    try {
                        for (String l : java.nio.file.Files.readAllLines(t.resolve("status"))) {
                            if (l.contains("ctxt_switches")) {
                                sum += Long.parseLong(l.replaceAll("[^0-9]", ""));
                            }
                        }
                    } catch (IOException e) {
                        // thread ended
                    }
                }
            }
        }
        return sum;
    }

    /** @param args the N to measure, default 1 2 4 8; {@code --seconds S} keeps the runtime rung busy for profiling */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<Integer> ns = new ArrayList<>();
        double hold = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                hold = Double.parseDouble(args[++i]);
            } else {
                ns.add(Integer.parseInt(args[i]));
            }
        }
        if (ns.isEmpty()) {
            ns = List.of(1, 2, 4, 8);
        }
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(new Random(1));
        System.out.println("| N | raw 16 B | codec, 1 thread | codec, buffered stdin | codec, 2-thread hand-off | runtime apply "
                + "| runtime / codec 1 thread |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : ns) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(new BenchOperators.Square(space));
            }
            try (RawChildren raw = new RawChildren(n, List.of());
                    CodecChildren codec = new CodecChildren(n, "");
                    CodecChildren buffered = new CodecChildren(n, "buffered");
                    CodecChildren handoff = new CodecChildren(n, "handoff");
                    ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops)) {
                Harness.Call[] rungs = {raw::pingAll, () -> codec.call(x), () -> buffered.call(x), () -> handoff.call(x),
                        () -> p.apply(x)};
                for (int i = 0; i < 3000; i++) {
                    for (Harness.Call c : rungs) {
                        c.run();
                    }
                }
                if (hold > 0) {
                    System.err.println("[ladder] runtime rung for " + hold + " s; parent pid " + ProcessHandle.current().pid()
                            + ", workers " + p.workerProcesses().stream().map(ProcessHandle::pid).toList());
                    long end = System.nanoTime() + (long) (hold * 1e9);
                    while (System.nanoTime() < end) {
                        p.apply(x);
                    }
                }
                int reps = hold > 0 ? 5 : 15;
                double[][] t = new double[rungs.length][reps];
                for (int r = 0; r < reps; r++) {
                    for (int k = 0; k < rungs.length; k++) {
                        int kk = (k + r) % rungs.length;
                        double[] block = new double[300];
                        for (int i = 0; i < block.length; i++) {
                            long t0 = System.nanoTime();
                            rungs[kk].run();
                            block[i] = (System.nanoTime() - t0) / 1e3;
                        }
                        t[kk][r] = Stats.median(block);
                    }
                }
                double[] ratio = new double[reps];
                for (int r = 0; r < reps; r++) {
                    ratio[r] = t[4][r] / t[1][r];
                }
                List<List<ProcessHandle>> kids = List.of(raw.handles(), codec.handles(), buffered.handles(), handoff.handles(),
                        p.workerProcesses());
                StringBuilder cs = new StringBuilder();
                for (int k = 0; k < rungs.length; k++) {
                    long c0 = contextSwitches(kids.get(k));
                    long s0 = contextSwitches(List.of(ProcessHandle.current()));
                    for (int i = 0; i < 2000; i++) {
                        rungs[k].run();
                    }
                    cs.append(String.format(Locale.ROOT, " %.2f/%.2f", (contextSwitches(kids.get(k)) - c0) / 2000.0,
                            (contextSwitches(List.of(ProcessHandle.current())) - s0) / 2000.0));
                }
                System.err.println("[ladder] N=" + n + " context switches per call, children/parent, per rung:" + cs);
                System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", n, Stats.of(t[0]).format("%.1f"),
                        Stats.of(t[1]).format("%.1f"), Stats.of(t[2]).format("%.1f"), Stats.of(t[3]).format("%.1f"),
                        Stats.of(t[4]).format("%.1f"),
                        Stats.of(ratio).format("%.2f"));
            }
        }
        System.exit(0);
    }

}
