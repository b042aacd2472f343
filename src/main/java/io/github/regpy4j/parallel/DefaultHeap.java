package io.github.regpy4j.parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The maximum heap of a worker whose user gave none. Left to itself, every JVM takes a quarter of
 * the machine's (or the container's) memory: ten workers would be promised two and a half times
 * what there is, and the kernel's out-of-memory killer, not an {@link OutOfMemoryError}, would end
 * the one that reaches for it. So half of the memory is shared among the live workers (the other
 * half is for the parent, each JVM's memory beyond its heap, and {@code /dev/shm}, which a
 * container's limit counts too), never more than the JVM's own quarter, never less than
 * {@link #FLOOR}: below that a worker is more likely to fail on its own than to crowd out others.
 */
final class DefaultHeap {

    private static final long MIB = 1L << 20;
    /** The least a worker gets: 256 MiB. */
    static final long FLOOR = 256 * MIB;
    /** Flags with which the user sets the heap, or the fraction of memory the JVM takes for it. */
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=",
            "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");

    /**
     * A worker whose vectors reach this many bytes moves bulk data: see {@link #initialFlagFor}.
     * Half a G1 region of the heaps workers get (1 MiB regions up to 2 GiB of heap): from here on
     * every vector is a humongous object.
     */
    static final int BULK_VECTOR_BYTES = 512 * 1024;
    /** The initial heap of a worker that moves bulk data: 256 MiB, or half its maximum when that is less. */
    static final long BULK_INITIAL = 256 * MIB;

    /** The initial heap of {@link WorkerCommandLine#DEFAULT_FLAGS}: the least any worker of ours starts with. */
    static final long BASE_INITIAL = 16 * MIB;
    /** {@link #BASE_INITIAL} as a flag. */
    static final String BASE_INITIAL_FLAG = "-Xms" + BASE_INITIAL / MIB + "m";

    private DefaultHeap() {}

    /**
     * The initial heap of a worker that runs the serial collector ({@link DefaultCollector}): 128
     * MiB, or half its maximum when that is less. The serial collector gives its young generation
     * a third of the heap and grows the heap only as the live data needs: from {@code -Xms16m} the
     * MRI example's worker kept a 15 MiB heap and collected 567–615 times in a run (50–68 of them
     * full collections, as its survivor spaces of half a MiB overflowed), 0.51–0.66 s of pauses;
     * from 64 MiB, 141 times (4 full), 0.32–0.41 s, and its solver ran 0.97 s against 1.24 s
     * (medians of 10 runs; the warm-up rounds before it 0.96 against 0.78 s: the young
     * generation's first touch, about 20 MiB more, and the whole run no shorter). At 160×160 the
     * worker took 36 thousand page faults instead of 114 thousand, and the whole parallel run
     * 5.0–5.3 s instead of 6.9–7.4 s (2 pairs). From 128 MiB the old generation, 85 MiB, no
     * longer grows by each promoted vector and gives the memory back after the next collection:
     * at 224×224 (vectors of 784 KiB) that churn had cost the worker 220 thousand page faults, 5
     * MiB per call, and 73 thousand from 128 MiB; at 160×160 and 100×100 the runs were as short
     * or shorter (2 and 3 pairs; BENCHMARKS.md, session 16).
     */
    static final long SERIAL_INITIAL = 128 * MIB;

    /**
     * The initial heap of a worker whose operators take or give vectors of at least {@link
     * #BULK_VECTOR_BYTES} under G1 ({@link #BULK_INITIAL}), or that runs the serial collector
     * ({@link #SERIAL_INITIAL}, whatever its vectors). A worker of bulk data allocates megabytes per call, and from the default
     * {@code -Xms16m} G1 grows its heap a step at a time over the first few hundred calls (28 →
     * 416 MiB over four 160-call MRI solves, measured with {@code -Xlog:gc}), touching fresh
     * memory at each step: on 2 cores the first solve after a warm-up ran its calls about 20 %
     * slower than later ones, with 3× the page faults. Starting at the size G1 grows to anyway
     * skips that. Any other worker keeps {@code -Xms16m}, and with it a small resident size when
     * idle. Memory is only committed, not touched, until used.
     *
     * @param jvmArgs the user's worker flags: any heap flag of theirs, or {@code -Xms}, here or in
     *     {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}, wins
     * @param maxHeapBytes the maximum heap the workers get ({@link #maxHeapFor}); empty when the
     *     user sets it or it is unknown
     * @param largestVectorBytes the largest argument or result, in bytes, of a worker's operators
     * @param serialCollector whether the runtime gives the worker the serial collector
     * @return {@code -Xms<N>m}, or empty
     */
    static Optional<String> initialFlagFor(List<String> jvmArgs, OptionalLong maxHeapBytes, long largestVectorBytes,
            boolean serialCollector) {
        return initialFlagFor(jvmArgs, maxHeapBytes, largestVectorBytes, serialCollector, UserFlags.environment());
    }

    /**
     * As {@link #initialFlagFor(List, OptionalLong, long, boolean)}, with the environment given.
     *
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} ({@code null} when unset)
     */
    static Optional<String> initialFlagFor(List<String> jvmArgs, OptionalLong maxHeapBytes, long largestVectorBytes,
            boolean serialCollector, String... environmentOptions) {
        boolean bulk = largestVectorBytes >= BULK_VECTOR_BYTES;
        if (!(bulk || serialCollector) || maxHeapBytes.isEmpty()
                || UserFlags.any(jvmArgs, a -> a.startsWith("-Xms") || a.startsWith("-XX:InitialHeapSize="),
                        environmentOptions)) {
            return Optional.empty();
        }
        long initial = serialCollector ? SERIAL_INITIAL : BULK_INITIAL;
        return Optional.of("-Xms" + Math.min(initial, maxHeapBytes.getAsLong() / 2) / MIB + "m");
    }

    /**
     * Transparent huge pages for a worker that moves bulk data ({@link #BULK_VECTOR_BYTES}), where
     * the kernel offers them to the JVMs that ask ({@code madvise}, the common default). Such a
     * worker touches hundreds of MiB of fresh heap in its first calls (its young generation alone
     * grows to about 340 MiB in the MRI flagship at 160×160), a page fault per 4 KiB, on the cores the
     * solve needs; with 2 MiB pages its warm-up ran 10–30 % faster on 2 cores (BENCHMARKS.md), and
     * in steady state neither better nor worse. A worker of small vectors, and any worker whose
     * user chooses the page size, is left as it is; so is a remote worker, whose kernel this JVM
     * cannot read.
     *
     * @param jvmArgs the user's worker flags
     * @param largestVectorBytes the largest argument or result, in bytes, of a worker's operators
     * @return {@code -XX:+UseTransparentHugePages}, or empty
     */
    static Optional<String> hugePagesFlagFor(List<String> jvmArgs, long largestVectorBytes) {
        return hugePagesFlagFor(jvmArgs, largestVectorBytes, transparentHugePageMode(THP_ENABLED), UserFlags.environment());
    }

    /**
     * As {@link #hugePagesFlagFor(List, long)}, with the kernel's mode and the environment given.
     *
     * @param jvmArgs the user's worker flags
     * @param largestVectorBytes the largest argument or result, in bytes, of a worker's operators
     * @param mode the text of {@code /sys/kernel/mm/transparent_hugepage/enabled}, e.g. {@code
     *     "always [madvise] never"}; {@code null} where there is none
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} ({@code null} when unset)
     * @return {@code -XX:+UseTransparentHugePages}, or empty
     */
    static Optional<String> hugePagesFlagFor(List<String> jvmArgs, long largestVectorBytes, String mode,
            String... environmentOptions) {
        // "always" gives every JVM huge pages already; "never" would make the flag a warning on stderr.
        if (largestVectorBytes < BULK_VECTOR_BYTES || mode == null || !mode.contains("[madvise]")
                || UserFlags.any(jvmArgs, DefaultHeap::isPageFlag, environmentOptions)) {
            return Optional.empty();
        }
        return Optional.of("-XX:+UseTransparentHugePages");
    }

    private static boolean isPageFlag(String a) {
        return a.contains("TransparentHugePages") || a.contains("LargePage");
    }

    /** The kernel's transparent-huge-page mode, on Linux. */
    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** @return the text of {@code file}, or {@code null} where it cannot be read */
    static String transparentHugePageMode(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param memoryBytes the memory of the machine, or of its container when that is smaller
     * @param liveWorkers the workers that share it, the ones about to start included (at least 1)
     * @return the maximum heap of one worker in bytes, a whole number of MiB
     */
    static long maxHeapBytes(long memoryBytes, int liveWorkers) {
        long share = memoryBytes / 2 / Math.max(1, liveWorkers);
        long jvmDefault = memoryBytes / 4;
        long heap = Math.max(FLOOR, Math.min(jvmDefault, share));
        return heap / MIB * MIB;
    }

    /**
     * The runtime's flags ({@link WorkerCommandLine#DEFAULT_FLAGS}) as a worker gets them: without
     * their initial heap, {@value #BASE_INITIAL_FLAG}, when the user caps the heap below it ({@code
     * -Xmx8m}, {@code -XX:MaxHeapSize=8388608}), which the JVM would refuse ("Initial heap size set
     * to a larger value than the maximum heap size"). Its own default initial heap is then at most
     * the cap.
     *
     * @param defaults the runtime's flags
     * @param jvmArgs the user's worker flags
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS}, which a
     *     worker inherits ({@code null} when unset)
     * @return {@code defaults}, or a copy without the initial heap
     */
    static List<String> withoutInitialAboveCap(List<String> defaults, List<String> jvmArgs,
            String... environmentOptions) {
        if (!UserFlags.any(jvmArgs, DefaultHeap::capsBelowBaseInitial, environmentOptions)) {
            return defaults;
        }
        return defaults.stream().filter(f -> !f.equals(BASE_INITIAL_FLAG)).toList();
    }

    /** @return whether {@code flag} sets the maximum heap below {@value #BASE_INITIAL_FLAG} */
    private static boolean capsBelowBaseInitial(String flag) {
        String value = flag.startsWith("-Xmx") ? flag.substring(4)
                : flag.startsWith("-XX:MaxHeapSize=") ? flag.substring("-XX:MaxHeapSize=".length()) : null;
        OptionalLong bytes = value == null ? OptionalLong.empty() : bytesOf(value);
        return bytes.isPresent() && bytes.getAsLong() < BASE_INITIAL;
    }

    /**
     * @param size a size as the JVM reads it: digits and an optional unit, {@code k}, {@code m},
     *     {@code g} or {@code t} in either case
     * @return its bytes, or empty if it is not one or is more than a {@code long} holds (the JVM
     *     reports that itself)
     */
    static OptionalLong bytesOf(String size) {
        if (size.isEmpty()) {
            return OptionalLong.empty();
        }
        int shift = switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 15) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits);
        // A shift past the top bit would make a huge size small (even negative), and so "below the cap".
        return value > Long.MAX_VALUE >> shift ? OptionalLong.empty() : OptionalLong.of(value << shift);
    }

    /**
     * @param jvmArgs the user's worker flags
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS}, which a worker inherits ({@code null} when unset)
     * @return whether the user sets the workers' heap already
     */
    static boolean userSetsHeap(List<String> jvmArgs, String... environmentOptions) {
        return UserFlags.any(jvmArgs, DefaultHeap::isHeapFlag, environmentOptions);
    }

    private static boolean isHeapFlag(String a) {
        return HEAP_FLAGS.stream().anyMatch(a::startsWith);
    }

    /**
     * @param jvmArgs the user's worker flags
     * @param starting how many workers are about to start
     * @return {@code -Xmx<N>m} for workers started now, or empty when the user sets the heap or the memory is unknown
     */
    static Optional<String> flagFor(List<String> jvmArgs, int starting) {
        return maxFlag(maxHeapFor(jvmArgs, starting));
    }

    /**
     * @param jvmArgs the user's worker flags
     * @param starting how many workers are about to start
     * @return the maximum heap in bytes for workers started now ({@link #maxHeapBytes}), or empty
     *     when the user sets the heap or the memory is unknown
     */
    static OptionalLong maxHeapFor(List<String> jvmArgs, int starting) {
        if (userSetsHeap(jvmArgs, UserFlags.environment())) {
            return OptionalLong.empty();
        }
        OptionalLong memory = memoryBytes();
        if (memory.isEmpty()) {
            return OptionalLong.empty();
        }
        int live = LiveGroups.liveWorkers() + Math.max(1, starting);
        return OptionalLong.of(maxHeapBytes(memory.getAsLong(), live));
    }

    /** @return {@code -Xmx<N>m} for a maximum of that many bytes (a whole number of MiB), or empty */
    static Optional<String> maxFlag(OptionalLong maxHeapBytes) {
        return maxHeapBytes.isPresent() ? Optional.of("-Xmx" + maxHeapBytes.getAsLong() / MIB + "m") : Optional.empty();
    }

    /** @return the machine's physical memory, or its cgroup's limit when smaller; empty when unknown */
    static OptionalLong memoryBytes() {
        // /proc/meminfo rather than the OperatingSystemMXBean: starting JMX costs a group start tens of ms.
        OptionalLong physical = memTotal(Path.of("/proc/meminfo"));
        OptionalLong limit = CgroupMemory.ofThisProcess().map(CgroupMemory::limitBytes).orElse(OptionalLong.empty());
        if (physical.isEmpty()) {
            return limit;
        }
        return OptionalLong.of(limit.isPresent() ? Math.min(physical.getAsLong(), limit.getAsLong()) : physical.getAsLong());
    }

    /** @return {@code MemTotal} of a {@code /proc/meminfo} file in bytes; empty when absent */
    static OptionalLong memTotal(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+", -1);
                if (f.length >= 2 && f[0].equals("MemTotal:")) {
                    long kib = Long.parseLong(f[1]);
                    return OptionalLong.of(kib * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown.
        }
        return OptionalLong.empty();
    }
}
