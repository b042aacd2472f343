package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.ProcStat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark harness of issue 5. Every figure is a ratio to a baseline measured in the same
 * run, interleaved with the candidate (baseline, candidate, baseline, … per repetition), with
 * the median and quartiles over the repetitions.
 *
 * <pre>
 * benchmarks/run.sh [--quick] [--suites percall,bulk,scatter,vsregpy,startup,speedup,memory] [--out DIR]
 * </pre>
 *
 * Results: {@code DIR/<timestamp>.json} and {@code .md} (default DIR {@code benchmarks/results}).
 */
public final class Harness {

    static final List<String> ALL_SUITES = List.of("percall", "bulk", "scatter", "vsregpy", "startup", "speedup", "memory");

    /** What to run and how long. */
    record Config(boolean quick, boolean smoke, Set<String> suites, Path out, List<String> workerJvmArgs,
            double[] bulkSizes) {
        int reps(int full) {
            return smoke ? 2 : quick ? Math.min(3, full) : full;
        }

        /** The smallest configuration that still runs every code path of the chosen suites (for the smoke test). */
        static Config smoke(Set<String> suites) {
            return new Config(true, true, suites, null, List.of(), null);
        }
    }

    private final Config config;
    private final List<Figure> figures = new ArrayList<>();
    private final Random rng = new Random(42);
    private final Placement placement = new Placement(new Random(43));
    private final WorkerOptions options;

    Harness(Config config) {
        this.config = config;
        this.options = WorkerOptions.defaults().withJvmArgs(config.workerJvmArgs());
    }

    /** @param args {@code [--quick] [--suites a,b] [--out DIR] [--worker-jvm-args "-Xa -Xb"]} */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "warn"));
        boolean quick = false;
        Set<String> suites = new LinkedHashSet<>(ALL_SUITES);
        Path out = Path.of("benchmarks", "results");
        List<String> jvmArgs = List.of();
        double[] bulkSizes = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bulk-sizes" -> bulkSizes = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--quick" -> quick = true;
                case "--suites" -> suites = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--out" -> out = Path.of(args[++i]);
                case "--worker-jvm-args" -> jvmArgs = Arrays.asList(args[++i].trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--quick] [--suites " + String.join(",", ALL_SUITES) + "] [--out DIR] [--worker-jvm-args \"...\"]"
                        + " [--bulk-sizes 1e3,1e7]");
            }
        }
        Harness h = new Harness(new Config(quick, false, suites, out, jvmArgs, bulkSizes));
        long t0 = System.nanoTime();
        List<Figure> figs = h.run();
        String md = h.markdown((System.nanoTime() - t0) / 1e9);
        System.out.println(md);
        h.write(md);
        if (!ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList().isEmpty()) {
            System.err.println("WARNING: child processes still alive at the end of the run");
        }
        System.exit(figs.isEmpty() ? 1 : 0);
    }

    /** Runs the configured suites. @return the figures */
    List<Figure> run() throws IOException, InterruptedException {
        for (String s : config.suites()) {
            long t0 = System.nanoTime();
            switch (s) {
                case "percall" -> perCall();
                case "bulk" -> bulk();
                case "scatter" -> scatter();
                case "vsregpy" -> versusRegpy();
                case "startup" -> startup();
                case "speedup" -> speedup();
                case "memory" -> memory();
                default -> throw new IllegalArgumentException("unknown suite " + s + "; known: " + ALL_SUITES);
            }
            System.err.printf(Locale.ROOT, "[bench] %s done in %.1f s%n", s, (System.nanoTime() - t0) / 1e9);
        }
        return figures;
    }

    List<Figure> figures() {
        return figures;
    }

    // ---------------------------------------------------------------- 1. per-call overhead

    private void perCall() throws IOException {
        int[] ns = config.smoke() ? new int[] {1} : config.quick() ? new int[] {1, 2} : new int[] {1, 2, 4, 8};
        int reps = config.reps(15);
        int block = config.smoke() ? 10 : config.quick() ? 50 : 200;
        // Steady state: 15,000 rounds are 60,000 calls on every worker's common path. 6000 rounds
        // (24,000 calls, past the C2 threshold of the workers' 4x compile thresholds) were not:
        // N = 2 to 8 came out at 1.23-1.59x raw after them and 1.00-1.27x after 15,000, in
        // alternating runs, and compile thresholds of 1 did not close the gap (BENCHMARKS.md,
        // session 18).
        int warm = config.smoke() ? 20 : config.quick() ? 300 : 15_000;
        VectorSpace space = VectorSpace.real(8);
        for (int n : ns) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(new BenchOperators.Square(space));
            }
            double[] x = space.randn(rng);
            double[] y = VectorSpace.real(8 * n).randn(rng);
            VectorOfOperators seq = new VectorOfOperators(ops);
            try (RawChildren raw = new RawChildren(n, config.workerJvmArgs());
                    ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                raw.pingAll();
                for (int i = 0; i < warm; i++) {
                    raw.pingAll();
                    p.apply(x);
                    Linearization l = p.linearize(x);
                    l.derivative().apply(x);
                    l.derivative().adjoint().apply(y);
                    seq.apply(x);
                }
                double[] base = new double[reps];
                double[][] cand = new double[4][reps];
                double[] sequential = new double[reps];
                boolean pinned = true;
                for (int r = 0; r < reps; r++) {
                    pinned &= placement.pinPairs(raw.handles(), p.workerProcesses());
                    double b0 = blockMedian(block, () -> raw.pingAll());
                    cand[0][r] = blockMedian(block, () -> p.apply(x));
                    cand[1][r] = blockMedian(block, () -> p.linearize(x));
                    Operator d = p.linearize(x).derivative();
                    Operator da = d.adjoint();
                    cand[2][r] = blockMedian(block, () -> d.apply(x));
                    cand[3][r] = blockMedian(block, () -> da.apply(y));
                    double b1 = blockMedian(block, () -> raw.pingAll());
                    base[r] = (b0 + b1) / 2;
                    sequential[r] = blockMedian(block, () -> seq.apply(x));
                }
                String[] what = {"apply", "linearize", "derivative", "adjoint"};
                for (int k = 0; k < 4; k++) {
                    String note = k == 0 ? String.format(Locale.ROOT, "extra over sequential VectorOfOperators: %.1f µs; %s",
                            Stats.median(cand[0]) - Stats.median(sequential), pinned
                                    ? "worker i and raw child i on the same random core in each repetition"
                                    : "placement not controlled (no taskset)") : "";
                    figures.add(Figure.of("1 per-call", what[k] + ", 8 doubles, N=" + n, "µs", cand[k], base,
                            "raw 16-byte round trip to N children", false, "× raw", "≤ 1.5", note));
                }
            }
        }
    }

    // ---------------------------------------------------------------- 2. bulk vectors

    private void bulk() throws IOException {
        double[] sizes = config.bulkSizes() != null ? config.bulkSizes() : config.smoke() ? new double[] {1e3} : config.quick() ? new double[] {1e3, 1e5}
                : new double[] {1e3, 1e5, 1e6, 1e7};
        for (boolean complex : config.smoke() ? new boolean[] {true} : new boolean[] {false, true}) {
            for (double size : sizes) {
                int n = (int) size;
                VectorSpace space = complex ? VectorSpace.complex(n / 2) : VectorSpace.real(n);
                int block = (int) Math.max(1, Math.min(100, 1e6 / n));
                int reps = config.reps(n >= 1e7 ? 5 : 9);
                int warm = n >= 1e7 ? 6 : n >= 1e6 ? 20 : config.smoke() ? 5 : config.quick() ? 20 : n <= 1e3 ? 8000 : 200;
                block = config.smoke() ? 5 : block;
                double[] x = space.randn(rng);
                List<Operator> ops = List.of(new Identity(space));
                boolean shm = 8L * n >= options.sharedMemoryThreshold();
                if (n <= 1e3 && !config.smoke() && !config.quick()) {
                    freshProcessesPerRepetition(space, x, complex, reps, warm, block);
                    continue;
                }
                try (RawChildren raw = new RawChildren(1, config.workerJvmArgs());
                        ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options);
                        ParallelVectorOfOperators pipe = shm ? new ParallelVectorOfOperators(ops, options.withoutSharedMemory())
                                : null;
                        ParallelVectorOfOperators u = new ParallelVectorOfOperators(
                                List.of(new BenchOperators.UserIdentity(space)), options)) {
                    raw.pingAll();
                    double[][] t = shm
                            ? interleaveAll(warm, reps, block, () -> raw.roundTripAll(x), () -> p.apply(x), () -> pipe.apply(x),
                                    () -> u.apply(x))
                            : interleaveAll(warm, reps, block, () -> raw.roundTripAll(x), () -> p.apply(x), () -> u.apply(x));
                    check(p.apply(x), x);
                    check(u.apply(x), x);
                    double bytes = 2.0 * 8 * n;
                    String kind = complex ? "complex" : "real";
                    figures.add(Figure.of("2 bulk", "apply " + fmtSize(n) + " doubles, " + kind + ", N=1"
                            + (shm ? " (default: shared memory)" : ""), "µs", t[1], t[0],
                            "raw pipelined pipe round trip, same bytes", true, "of raw bandwidth", "≥ 0.5",
                            String.format(Locale.ROOT, "runtime %.2f GB/s, raw %.2f GB/s (both ways, %s)",
                                    bytes / Stats.median(t[1]) / 1e3, bytes / Stats.median(t[0]) / 1e3, mib(bytes / 2))));
                    double[] tu = t[shm ? 3 : 2];
                    figures.add(Figure.of("2 bulk", "user operator: apply " + fmtSize(n) + " doubles, " + kind + ", N=1", "µs",
                            tu, t[0], "raw pipelined pipe round trip, same bytes", true, "of raw bandwidth", "≥ 0.5",
                            String.format(Locale.ROOT, "UserIdentity (x.clone(), no evaluateInto): runtime %.2f GB/s",
                                    bytes / Stats.median(tu) / 1e3)));
                    if (shm) {
                        check(pipe.apply(x), x);
                        figures.add(Figure.of("2 bulk", "apply " + fmtSize(n) + " doubles, " + kind
                                + ", N=1, withoutSharedMemory()", "µs", t[2], t[0],
                                "raw pipelined pipe round trip, same bytes", true, "of raw bandwidth", "≥ 0.5",
                                String.format(Locale.ROOT, "pipe path: runtime %.2f GB/s", bytes / Stats.median(t[2]) / 1e3)));
                    }
                }
            }
        }
    }

    /**
     * A latency-bound size: one round trip, whose cost depends 5–9× on whether the child shares
     * the parent's core (ANCHORS.md), and a process keeps its placement. With one pair of
     * processes the figure was bimodal from run to run (0.24 to 4 of raw). Here each repetition
     * starts a fresh raw child and a fresh worker, warms both (8000 calls: past the workers' slow
     * warm-up at 4x compile thresholds, see WarmupProbe) and measures them back to back, so the
     * median is over placements, as users meet them.
     */
    private void freshProcessesPerRepetition(VectorSpace space, double[] x, boolean complex, int reps, int warm, int block)
            throws IOException {
        int n = x.length;
        double[] base = new double[reps];
        double[] cand = new double[reps];
        List<Operator> ops = List.of(new Identity(space));
        for (int r = 0; r < reps; r++) {
            try (RawChildren raw = new RawChildren(1, config.workerJvmArgs());
                    ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                raw.pingAll();
                double[][] t = interleaveAll(warm, 1, block, () -> raw.roundTripAll(x), () -> p.apply(x));
                base[r] = t[0][0];
                cand[r] = t[1][0];
                check(p.apply(x), x);
            }
        }
        double bytes = 2.0 * 8 * n;
        figures.add(Figure.of("2 bulk", "apply " + fmtSize(n) + " doubles, " + (complex ? "complex" : "real") + ", N=1", "µs",
                cand, base, "raw pipelined pipe round trip, same bytes", true, "of raw bandwidth", "≥ 0.5",
                String.format(Locale.ROOT, "runtime %.2f GB/s, raw %.2f GB/s (both ways, %s); a fresh worker and raw"
                        + " child per repetition (placement)", bytes / Stats.median(cand) / 1e3,
                        bytes / Stats.median(base) / 1e3, mib(bytes / 2))));
    }

    private void scatter() throws IOException {
        int n = 1_000_000;
        int workers = 4;
        VectorSpace space = VectorSpace.real(n);
        double[] x = space.randn(rng);
        List<Operator> ops = new ArrayList<>();
        List<Operator> user = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ops.add(new Identity(space));
            user.add(new BenchOperators.UserIdentity(space));
        }
        try (RawChildren raw = new RawChildren(workers, config.workerJvmArgs());
                ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options);
                ParallelVectorOfOperators pipe = new ParallelVectorOfOperators(ops, options.withoutSharedMemory());
                ParallelVectorOfOperators u = new ParallelVectorOfOperators(user, options);
                ParallelVectorOfOperators uPipe = new ParallelVectorOfOperators(user, options.withoutSharedMemory())) {
            raw.pingAll();
            double[] out = new double[p.codomain().realSize()];
            // The adjoint sends each worker its own 8 MB part and gets 8 MB back: the same bytes as apply.
            double[] y = u.codomain().randn(rng);
            Operator uDerivative = u.linearize(x).derivative();
            Operator uAdjoint = uDerivative.adjoint();
            Operator uPipeAdjoint = uPipe.linearize(x).derivative().adjoint();
            // 20 rounds first: the workers' heaps grow to their steady size over the first calls.
            double[][] t = interleaveAll(config.quick() ? 3 : 20, config.reps(15), 1, () -> raw.roundTripAll(x), () -> p.apply(x),
                    () -> pipe.apply(x), () -> {
                        p.applyInto(x, out);
                        return out;
                    }, () -> u.apply(x), () -> uDerivative.apply(x), () -> uAdjoint.apply(y), () -> uPipe.apply(x),
                    () -> uPipeAdjoint.apply(y));
            check(u.apply(x), java.util.stream.Stream.of(x, x, x, x).flatMapToDouble(java.util.Arrays::stream).toArray());
            double bytes = 2.0 * 8 * n * workers;
            String raw4 = "raw pipelined round trip to 4 children, same bytes";
            figures.add(Figure.of("2 bulk", "apply 1e6 doubles to 4 workers and back (default: shared memory)", "µs",
                    t[1], t[0], raw4, false, "× raw", "≤ 0.5",
                    String.format(Locale.ROOT, "runtime %.2f GB/s, raw %.2f GB/s (all ways)",
                            bytes / Stats.median(t[1]) / 1e3, bytes / Stats.median(t[0]) / 1e3)));
            figures.add(Figure.of("2 bulk", "user operator: apply 1e6 doubles to 4 workers and back (shared memory)", "µs",
                    t[4], t[0], raw4, false, "× raw", "≤ 0.5",
                    "UserIdentity: returns x.clone(), no evaluateInto (no lent arrays)"));
            figures.add(Figure.of("2 bulk", "user operator: derivative 1e6 doubles to 4 workers and back (shared memory)",
                    "µs", t[5], t[0], raw4, false, "× raw", "≤ 0.5", "UserIdentity"));
            figures.add(Figure.of("2 bulk", "user operator: adjoint 1e6 doubles from 4 workers, summed (shared memory)",
                    "µs", t[6], t[0], raw4, false, "× raw", "≤ 0.5",
                    "UserIdentity; slices of y straight to shared memory, replies added straight into the sum"));
            figures.add(Figure.of("2 bulk", "apply 1e6 doubles to 4 workers and back, withoutSharedMemory()", "µs",
                    t[2], t[0], raw4, false, "× raw", "≤ 1.1",
                    String.format(Locale.ROOT, "pipe path: runtime %.2f GB/s", bytes / Stats.median(t[2]) / 1e3)));
            figures.add(Figure.of("2 bulk", "user operator: apply 1e6 doubles to 4 workers and back, withoutSharedMemory()",
                    "µs", t[7], t[0], raw4, false, "× raw", "≤ 1.1", "UserIdentity, pipe path"));
            figures.add(Figure.of("2 bulk", "user operator: adjoint 1e6 doubles from 4 workers, summed, withoutSharedMemory()",
                    "µs", t[8], t[0], raw4, false, "× raw", "≤ 1.1",
                    "UserIdentity, pipe path; each reply added into the sum as it arrives, in worker order"));
            figures.add(Figure.of("2 bulk", "applyInto 1e6 doubles to 4 workers and back, into the same array every call",
                    "µs", t[3], t[0], raw4, false, "× raw", "",
                    String.format(Locale.ROOT, "no result of 32 MB to allocate and zero: runtime %.2f GB/s",
                            bytes / Stats.median(t[3]) / 1e3)));
            copyBreakdown(config.smoke() ? 10_000 : n, workers, t[0].length, t[0], raw4);
        }
    }

    /**
     * Issue 12's breakdown, in the same run as the scatter it explains: each copy a user's
     * operator still costs, timed with the runtime's own code against a plain copy of the same
     * size ({@link CopyBreakdownProbe}), and from them the least CPU such a call needs, over this
     * machine's cores, against the raw round trip measured above (paired by repetition, not back to
     * back).
     */
    private void copyBreakdown(int n, int workers, int reps, double[] raw, String rawName) throws IOException {
        List<CopyBreakdownProbe.Span> spans = CopyBreakdownProbe.measure(n, workers, reps);
        for (CopyBreakdownProbe.Span span : spans) {
            if (span.baseline() == null) {
                continue;
            }
            boolean runtimeCopy = !span.name().equals(CopyBreakdownProbe.OWN_WORK);
            String note = runtimeCopy ? "the runtime's code (SharedRegion) in this process; ≤ 1.25 is ≥ 80 % of the plain speed"
                    : "the user operator's own work, which no runtime removes";
            if (span.name().contains("added into")) {
                note += String.format(Locale.ROOT, "; a plain add loop over two heap arrays: %.2f ms",
                        Stats.median(spans.stream().filter(s -> s.name().equals(CopyBreakdownProbe.PLAIN_ADD))
                                .findFirst().orElseThrow().ms()));
            }
            figures.add(Figure.of("2b breakdown", span.name() + " (" + fmtSize(n) + " doubles)", "ms", span.ms(),
                    span.baseline(), span.against(), false, "× plain", runtimeCopy ? "≤ 1.25" : "", note));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double[] floor = CopyBreakdownProbe.requiredCpuOverCores(spans, workers, cores);
        double[] floorUs = new double[floor.length];
        double[] pipeFloorUs = new double[floor.length];
        double[] adjointPipeFloorUs = new double[floor.length];
        double[] operatorWork = CopyBreakdownProbe.operatorWorkOverCores(spans, workers, cores);
        double[] sumWork = CopyBreakdownProbe.sumWorkOverCores(spans, workers, cores);
        for (int r = 0; r < floor.length; r++) {
            floorUs[r] = 1000 * floor[r];
            pipeFloorUs[r] = raw[r] + 1000 * operatorWork[r];
            adjointPipeFloorUs[r] = pipeFloorUs[r] + 1000 * sumWork[r];
        }
        figures.add(Figure.of("2b breakdown", "user operator, shared memory: the CPU its copies and own work need, over "
                + cores + " cores", "µs", floorUs, raw, rawName, false, "× raw", "",
                "a lower bound of the call's wall time: above 0.5, the ≤ 0.5 target is out of reach on this machine"));
        figures.add(Figure.of("2b breakdown", "user operator, pipes: the raw round trip plus its fresh arguments and own"
                + " work, over " + cores + " cores", "µs", pipeFloorUs, raw, rawName, false, "× raw", "",
                "a lower bound if the transfer cost no more than raw and raw kept the cores busy: above 1.1, the"
                        + " ≤ 1.1 target is out of reach"));
        figures.add(Figure.of("2b breakdown", "user operator adjoint, pipes: the same plus the parent's adds of the "
                + workers + " replies into the sum, over " + cores + " cores", "µs", adjointPipeFloorUs, raw, rawName, false,
                "× raw", "", "the floor of the adjoint's pipe figure: a raw parent reads the replies, the adjoint also"
                        + " adds them (measured as the shared-memory add above)"));
    }

    /** regpy's "extra time per call over the sequential VectorOfOperators" (ANCHORS.md), measured the same way. */
    private void versusRegpy() throws IOException {
        int[] ns = config.quick() ? new int[] {1} : new int[] {1, 8};
        double[] sizes = config.quick() ? new double[] {1} : new double[] {1, 1e5, 1e6};
        String[][] regpy = {{"+0.16–0.26 ms", "+2.3–2.9 ms", "+44–49 ms"}, {"+1.05–1.34 ms", "+8.7–12.7 ms", "+196–261 ms"}};
        for (int ni = 0; ni < ns.length; ni++) {
            int workers = ns[ni];
            for (int si = 0; si < sizes.length; si++) {
                int n = (int) sizes[si];
                VectorSpace space = VectorSpace.real(n);
                List<Operator> ops = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    ops.add(new Identity(space));
                }
                double[] x = space.randn(rng);
                int block = (int) Math.max(1, Math.min(100, 1e5 / n));
                VectorOfOperators seq = new VectorOfOperators(ops);
                try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                    Measured m = interleave(n >= 1e6 ? 3 : 100, config.reps(9), block, () -> seq.apply(x), () -> p.apply(x));
                    double[] extra = new double[m.cand.length];
                    for (int i = 0; i < extra.length; i++) {
                        extra[i] = (m.cand[i] - m.base[i]) / 1000;
                    }
                    Stats e = Stats.of(extra);
                    figures.add(Figure.of("6 vs regpy", "extra per call over sequential, " + fmtSize(n) + " doubles, N="
                            + workers, "µs", m.cand, m.base, "sequential VectorOfOperators", false, "× sequential", "",
                            "extra " + e.format("%.3f") + " ms; regpy " + regpy[ni][si]));
                }
            }
        }
    }

    // ---------------------------------------------------------------- 3. startup

    private void startup() throws IOException {
        int[] ns = config.quick() ? new int[] {1} : new int[] {1, 2, 4, 8};
        int reps = config.reps(5);
        VectorSpace space = VectorSpace.real(8);
        // One untimed start of each kind first: the page cache and the JIT of the parent.
        WorkerOptions cds = options.withClassDataSharing(true);
        startRaw(1);
        startRuntime(1, space, options);
        startRuntime(1, space, cds); // creates the archive, if the runtime makes one
        for (int n : ns) {
            double[] base = new double[reps];
            double[] cand = new double[reps];
            double[] candCds = new double[reps];
            double[] cpuBase = new double[reps];
            double[] cpuCand = new double[reps];
            double[] warmStart = new double[reps];
            for (int r = 0; r < reps; r++) {
                warmStart[r] = startWarm(n, space);
                int first = r % 3;
                for (int k = 0; k < 3; k++) {
                    switch ((first + k) % 3) {
                        case 0 -> {
                            base[r] = startRaw(n);
                            cpuBase[r] = lastRawCpu;
                        }
                        case 1 -> {
                            cand[r] = startRuntime(n, space, options);
                            cpuCand[r] = lastRuntimeCpu;
                        }
                        default -> candCds[r] = startRuntime(n, space, cds);
                    }
                }
            }
            figures.add(Figure.of("3 startup", "construct with N warm workers in a ParallelExecutionManager, N=" + n, "ms",
                    warmStart, base, "N bare JVMs (same flags) answering a 16-byte ping", false, "× bare JVMs", "",
                    "the workers of an operator closed in the same scope, reused"));
            if (n == ns[ns.length - 1]) {
                figures.add(Figure.of("3 startup", "CPU time per worker until handshake, N=" + n, "ms", cpuCand, cpuBase,
                        "bare JVM until its ping", false, "× bare JVM", "",
                        "user + system, 10 ms ticks; N workers on 2 cores cannot start faster than N × this / 2"));
            }
            Figure fc = Figure.of("3 startup", "construct until handshake, N=" + n + ", withClassDataSharing(true)", "ms",
                    candCds, base, "N bare JVMs (same flags) answering a 16-byte ping", false, "× bare JVMs", "", "");
            Boolean metCds = n == 8 ? fc.candidate().median() <= 500 : null;
            String target = n == 8 ? "≤ 1200" : "";
            Figure f = Figure.of("3 startup", "construct until handshake, N=" + n, "ms", cand, base,
                    "N bare JVMs (same flags) answering a 16-byte ping", false, "× bare JVMs", "", "");
            Boolean met = n == 8 ? f.candidate().median() <= 1200 : null;
            figures.add(new Figure(f.suite(), f.name(), f.unit(), f.candidate(), f.baseline(), f.baselineName(), f.ratio(),
                    f.ratioName(), n == 8 ? "target on the absolute time: ≤ 1200 ms without AppCDS" : "", null,
                    (met == null ? "" : (met ? "✅ " : "❌ ") + target + " ms absolute; ")
                            + "regpy fork: 14–18 / 23 / 30–39 / 60–76 ms for N = 1/2/4/8; spawn-style 0.8–1.2 s (N=1), ~4 s (N=8)"));
            figures.add(new Figure(fc.suite(), fc.name(), fc.unit(), fc.candidate(), fc.baseline(), fc.baselineName(),
                    fc.ratio(), fc.ratioName(), n == 8 ? "target on the absolute time: ≤ 500 ms with AppCDS" : "", null,
                    metCds == null ? "" : (metCds ? "✅ " : "❌ ") + "≤ 500 ms absolute"));
        }
    }

    /** Opens a manager scope, lets an operator's workers go idle in it, then times the next operator's construction. */
    private double startWarm(int n, VectorSpace space) {
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            try (ParallelVectorOfOperators cold = new ParallelVectorOfOperators(ops, options)) {
                cold.apply(space.zeros());
            }
            long t0 = System.nanoTime();
            try (ParallelVectorOfOperators warm = new ParallelVectorOfOperators(ops, options)) {
                return (System.nanoTime() - t0) / 1e6;
            }
        }
    }

    /** CPU milliseconds per child until it was ready, of the last start of each kind. */
    private double lastRawCpu;
    private double lastRuntimeCpu;

    private double startRaw(int n) throws IOException {
        long t0 = System.nanoTime();
        try (RawChildren raw = new RawChildren(n, config.workerJvmArgs())) {
            raw.pingAll();
            double t = (System.nanoTime() - t0) / 1e6;
            lastRawCpu = cpuMillis(raw.handles()) / n;
            return t;
        }
    }

    /** @return user + system CPU milliseconds these processes have used so far, from {@code /proc/<pid>/stat} */
    static double cpuMillis(List<ProcessHandle> processes) throws IOException {
        double sum = 0;
        for (ProcessHandle h : processes) {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            // Fields 14 and 15 of proc(5): user and system time in clock ticks of 10 ms.
            sum += (ProcStat.field(stat, 14) + ProcStat.field(stat, 15)) * 10.0;
        }
        return sum;
    }

    private double startRuntime(int n, VectorSpace space, WorkerOptions opts) throws IOException {
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        long t0 = System.nanoTime();
        try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, opts)) {
            double t = (System.nanoTime() - t0) / 1e6;
            lastRuntimeCpu = cpuMillis(p.workerProcesses()) / n;
            return t;
        }
    }

    // ---------------------------------------------------------------- 4. speedup

    private void speedup() throws IOException {
        long iterations = calibrate(config.quick() ? 10 : 50);
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(rng);
        int[] ns = config.quick() ? new int[] {2} : new int[] {2, 4};
        for (int n : ns) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(new BenchOperators.Spin(space, iterations));
            }
            VectorOfOperators seq = new VectorOfOperators(ops);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
            Call threaded = () -> {
                List<java.util.concurrent.Future<double[]>> fs = new ArrayList<>();
                for (Operator op : ops) {
                    fs.add(threads.submit(() -> op.apply(x)));
                }
                double[][] parts = new double[n][];
                for (int i = 0; i < n; i++) {
                    try {
                        parts[i] = fs.get(i).get();
                    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                        throw new IOException(e);
                    }
                }
                return parts;
            };
            try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                double[][] t = interleaveAll(3, config.reps(9), 1, () -> seq.apply(x), () -> p.apply(x), threaded);
                check(p.apply(x), seq.apply(x));
                double[] threadSpeedup = new double[t[0].length];
                for (int i = 0; i < threadSpeedup.length; i++) {
                    threadSpeedup[i] = t[0][i] / t[2][i];
                }
                figures.add(Figure.of("4 speedup", n + " operators of ~" + (config.quick() ? 10 : 50) + " ms CPU, N=" + n,
                        "ms", scale(t[1], 1e-3), scale(t[0], 1e-3), "sequential VectorOfOperators", true,
                        "× faster (speedup)", n == 4 ? "≥ 1.9" : "", String.format(Locale.ROOT,
                                "the same operators on %d threads of this JVM, same run: %s× (what the shared machine "
                                        + "allowed); %d iterations per evaluation; regpy (45 ms ops): %s",
                                n, Stats.of(threadSpeedup).format("%.2f"), iterations,
                                n == 2 ? "1.5× (1.7× paired)" : "1.6× (1.8× paired)")));
                figures.add(Figure.of("4 speedup", n + " operators, N=" + n + ": workers vs threads", "ms",
                        scale(t[1], 1e-3), scale(t[2], 1e-3), n + " threads in this JVM", true, "of the thread speedup",
                        "", "1.0 = child JVMs as fast as threads"));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /** @return how many iterations of {@link BenchOperators.Spin#burn} take {@code millis} here */
    private static long calibrate(double millis) {
        long it = 1_000_000;
        for (int i = 0; i < 20; i++) {
            BenchOperators.Spin.burn(i, it);
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            BenchOperators.Spin.burn(i, 10 * it);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        // The fastest run is the one least disturbed by the other tenants of the machine.
        return (long) (10 * it * millis / Arrays.stream(t).min().orElseThrow());
    }

    // ---------------------------------------------------------------- 5. memory

    private void memory() throws IOException, InterruptedException {
        int reps = config.smoke() ? 1 : config.reps(3);
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(rng);
        int workers = config.smoke() ? 1 : 2;
        int calls = config.smoke() ? 20 : config.quick() ? 200 : 5000;
        double[][] idle = new double[2][reps * workers];
        double[][] busy = new double[2][reps * workers];
        for (int r = 0; r < reps; r++) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                ops.add(new BenchOperators.Square(space));
            }
            try (RawChildren raw = new RawChildren(workers, config.workerJvmArgs());
                    ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                raw.pingAll();
                Thread.sleep(config.smoke() ? 50 : 300);
                for (int i = 0; i < workers; i++) {
                    idle[0][workers * r + i] = rssMiB(p.workerProcesses().get(i).pid());
                    idle[1][workers * r + i] = rssMiB(raw.handles().get(i).pid());
                }
                for (int i = 0; i < calls; i++) {
                    p.apply(x);
                    p.linearize(x).derivative().apply(x);
                    raw.pingAll();
                }
                Thread.sleep(config.smoke() ? 50 : 300);
                for (int i = 0; i < workers; i++) {
                    busy[0][workers * r + i] = rssMiB(p.workerProcesses().get(i).pid());
                    busy[1][workers * r + i] = rssMiB(raw.handles().get(i).pid());
                }
            }
        }
        figures.add(Figure.of("5 memory", "VmRSS of an idle worker after the handshake", "MiB", idle[0], idle[1],
                "bare JVM (same flags) after one ping", false, "× bare JVM", "",
                rssNote(idle[0])));
        figures.add(Figure.of("5 memory", "VmRSS of a worker idle after " + calls + " small calls", "MiB", busy[0], busy[1],
                "bare JVM after as many pings", false, "× bare JVM", "", rssNote(busy[0])));
    }

    private static String rssNote(double[] rss) {
        double m = Stats.median(rss);
        return (m <= 64 ? "✅" : "❌") + String.format(Locale.ROOT, " target on the absolute size: ≤ 64 MB (%.1f MB)",
                m * 1.048576);
    }

    /** @return VmRSS of a process in MiB, from {@code /proc/<pid>/status} */
    static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    // ---------------------------------------------------------------- machinery

    @FunctionalInterface
    interface Call {
        Object run() throws IOException;
    }

    record Measured(double[] base, double[] cand) {}

    /**
     * Warms both up, then per repetition: a block of the baseline, a block of the candidate
     * (swapped every other repetition), each the median µs per call of its block.
     */
    private static Measured interleave(int warm, int reps, int block, Call baseline, Call candidate) throws IOException {
        double[][] t = interleaveAll(warm, reps, block, baseline, candidate);
        return new Measured(t[0], t[1]);
    }

    /** Like {@link #interleave} for any number of contestants, the order rotating every repetition. */
    private static double[][] interleaveAll(int warm, int reps, int block, Call... calls) throws IOException {
        for (int i = 0; i < warm; i++) {
            for (Call c : calls) {
                c.run();
            }
        }
        double[][] t = new double[calls.length][reps];
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < calls.length; k++) {
                int kk = (k + r) % calls.length;
                t[kk][r] = blockMedian(block, calls[kk]);
            }
        }
        return t;
    }

    /** @return the median time of one call in µs over a block of {@code calls} calls */
    private static double blockMedian(int calls, Call c) throws IOException {
        double[] t = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            c.run();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        return Stats.median(t);
    }

    private static double[] scale(double[] v, double s) {
        return Arrays.stream(v).map(d -> d * s).toArray();
    }

    private static void check(double[] got, double[] expected) {
        if (!Arrays.equals(got, expected)) {
            throw new AssertionError("the runtime returned a different vector than expected");
        }
    }

    private static String fmtSize(int n) {
        return n >= 1000 && Integer.bitCount(n) != 1 ? String.format(Locale.ROOT, "1e%d", Math.round(Math.log10(n))) : String.valueOf(n);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.3g MiB each way", bytes / (1 << 20));
    }

    String markdown(double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("## regpy4j benchmarks, ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append("\n\n");
        sb.append(machine()).append("\n");
        sb.append(String.format(Locale.ROOT, "Run: %s, %.0f s; worker flags: runtime defaults %s%s (workers of "
                + "vectors from 512 KiB up: -Xms256m, unless the flags set the heap, and -XX:+UseTransparentHugePages "
                + "where the kernel's mode is madvise; the baseline children keep the defaults).%n%n", config.quick() ? "quick (a few warm-up rounds and 3 repetitions: the workers' first calls, a check"
                + " that every suite runs, not the figures; those come from full runs)" : "full", seconds, RawChildren.runtimeDefaultFlags(),
                config.workerJvmArgs().isEmpty() ? "" : " + " + config.workerJvmArgs()));
        sb.append("Each cell: median [first quartile – third quartile] over the repetitions; ratios are computed per "
                + "repetition (candidate and baseline measured back to back), then summarized.\n\n");
        sb.append("| suite | figure | runtime | baseline | ratio | target | note |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append(f.markdownRow()).append('\n');
        }
        return sb.toString();
    }

    static String machine() {
        long memKb = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return String.format(Locale.ROOT, "Machine: %d CPUs, %.1f GiB, %s %s (%s), %s; load average at the end %.2f.",
                Runtime.getRuntime().availableProcessors(), memKb / 1048576.0, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    void write(String md) throws IOException {
        Files.createDirectories(config.out());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String name = stamp + (config.quick() ? "-quick" : "");
        StringBuilder json = new StringBuilder("{\"machine\": \"" + machine().replace("\"", "'") + "\", \"quick\": "
                + config.quick() + ", \"workerFlags\": \"" + RawChildren.runtimeDefaultFlags() + " " + config.workerJvmArgs()
                + "\", \"figures\": [\n");
        for (int i = 0; i < figures.size(); i++) {
            json.append("  ").append(figures.get(i).json()).append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        json.append("]}\n");
        Files.writeString(config.out().resolve(name + ".json"), json, StandardCharsets.UTF_8);
        Files.writeString(config.out().resolve(name + ".md"), md, StandardCharsets.UTF_8);
        System.err.println("[bench] results in " + config.out().resolve(name + ".{json,md}"));
    }

}
