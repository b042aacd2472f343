package io.github.regpy4j.parallel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The garbage collector of a worker whose user chose none.
 *
 * <p>A worker whose operator takes or gives a vector of {@link #SERIAL_MAX_VECTOR_BYTES} or more
 * runs G1: its vectors are humongous objects there, allocated and reclaimed without copying,
 * where they outgrew a plain serial collector's survivor spaces and went through its old
 * generation (1e6 doubles to 4 workers and back: 29 → 21 ms in session 2; a user operator's
 * derivative of 1e6 doubles 15–20 ms against 50 ms in session 16). A serial worker of ours no
 * longer copies them (below), but G1 stays the choice where the vectors are known to be large: it
 * was measured there over many sessions, the pretenured serial collector in one.
 *
 * <p>A worker of smaller vectors runs the serial collector. Such a worker's operator typically makes
 * much short-lived garbage (the MRI coils' Fourier transforms: 2–3 GB/s), and a fresh JVM's G1
 * answers it by growing its heap step by step (28 → 500 MiB within the MRI example's first
 * parallel solve) and moving its young generation into each new part, so that the worker touches
 * hundreds of MiB of memory it never touched before. Where a first touch is dear (a virtual
 * machine whose host backs guest memory on demand and takes back what the guest frees: 3.1–3.5
 * ms per MiB on the 2-core machine of BENCHMARKS.md's session 16), that alone made the worker's
 * part of the MRI example's parallel run take twice as long, half of it in the kernel. The serial
 * collector sizes its heap by the live data instead (15 MiB there) and reuses its young
 * generation ({@link DefaultHeap#SERIAL_INITIAL}): a sixth of the page faults, and the whole
 * parallel run 4.30 → 2.10 s (medians of 5 alternating runs). Its young collections of a small
 * live set take about a millisecond.
 *
 * <p>The line lies between vectors of 4.7 MB, where the serial collector still won (the MRI
 * example at 224×224 as a block of five coils: a whole run of 12.1–13.8 s against 14.2–17.1 s),
 * and 7.6 MiB, where it lost; below 4 MiB it won everywhere it was measured (blocks of 960 KiB and
 * 2.4 MB: 2.5–2.8 against 3.2–3.5 s, 5.3 against 6.2–7.1 s).
 *
 * <p>A prestarted worker, whose operators are not known when it starts, is started as one of
 * small vectors; like its heap, an idle worker keeps its collector when it is reused. So that such
 * a worker serves bulk vectors as well as G1 would, the serial collector of a worker of ours puts
 * every object of {@link #SERIAL_MAX_VECTOR_BYTES} or more straight into its old generation ({@link
 * #SERIAL_PRETENURE}), as G1 puts a humongous object into regions of its own: a vector never
 * outgrows the survivor space and is never copied there. Without it, a serial worker's derivative
 * of a user operator took 52–64 ms for 1e6 doubles to 4 workers and back in the Harness; with it
 * 15–18 ms (3 pairs), G1's 13–37 ms (BENCHMARKS.md, session 17): each young collection had copied
 * the live vectors into old-generation memory never touched before (pauses of 14–95 ms where a
 * first touch is dear), where with the flag a few full collections of a few ms remain. Once the old
 * generation has been touched the copies are cheap, so it is a worker's first calls that gain. It
 * changes nothing for smaller vectors.
 *
 * <p>A collector the user chooses, in the worker flags or in {@code JAVA_TOOL_OPTIONS} or {@code
 * JDK_JAVA_OPTIONS}, always wins: the JVM refuses to start with two. A remote worker keeps G1: this
 * JVM cannot know that machine's memory.
 *
 * <p>A worker that maps the static class-data archive of JDK 17–23 ({@link
 * WorkerOptions#withClassDataSharing(boolean)}) follows the same rule, although the archive is
 * recorded under G1 and only G1 maps its heap objects (the module graph): under the serial
 * collector its classes still come from the archive, and what is lost is little beside what the
 * serial collector saves a worker that works. 8 workers of small vectors were ready in 831–1004 ms
 * against 833–903 ms under G1 (3 alternating runs, medians of 7 each); the MRI example's worker took 1.28–1.43 s
 * of processor time in the parallel run against 2.53–3.26 s under G1, and the run 1.34–1.98 s
 * against 2.63–4.83 s (8 rounds each; BENCHMARKS.md, session 19). JDK 24's AOT cache serves every collector.
 */
final class DefaultCollector {

    static final String G1 = "-XX:+UseG1GC";
    static final String SERIAL = "-XX:+UseSerialGC";
    /** From this many bytes in one vector, a worker runs G1: 4 MiB, about the survivor space of {@link DefaultHeap#SERIAL_INITIAL}. */
    static final int SERIAL_MAX_VECTOR_BYTES = 4 << 20;
    /** What the serial collector of a worker of ours is started with beside {@link #SERIAL}: vectors from {@link #SERIAL_MAX_VECTOR_BYTES} on go straight into the old generation. */
    static final String SERIAL_PRETENURE = "-XX:PretenureSizeThreshold=" + SERIAL_MAX_VECTOR_BYTES;
    /** A flag that selects a collector (not one that tunes it, such as {@code -XX:+UseAdaptiveSizePolicyWithSystemGC}). */
    private static final Pattern CHOICE = Pattern.compile("-XX:\\+Use(Serial|Parallel|ParallelOld|G1|Z|Shenandoah|Epsilon|ConcMarkSweep)GC");

    private DefaultCollector() {}

    /**
     * @param jvmArgs the user's worker flags
     * @param largestVectorBytes the largest argument or result, in bytes, of the worker's
     *     operators; 0 when not known yet (a prestarted worker)
     * @param local whether the worker runs on this machine
     * @return the collector flag, or empty when the user chooses the collector
     */
    static Optional<String> flagFor(List<String> jvmArgs, long largestVectorBytes, boolean local) {
        return flagFor(jvmArgs, largestVectorBytes, local, UserFlags.environment());
    }

    /**
     * As {@link #flagFor(List, long, boolean)}, with the environment given.
     *
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} ({@code null} when unset)
     */
    static Optional<String> flagFor(List<String> jvmArgs, long largestVectorBytes, boolean local,
            String... environmentOptions) {
        if (userChooses(jvmArgs, environmentOptions)) {
            return Optional.empty();
        }
        boolean small = local && largestVectorBytes < SERIAL_MAX_VECTOR_BYTES;
        return Optional.of(small ? SERIAL : G1);
    }

    /**
     * @param collector the flag {@link #flagFor} chose, or {@code null} when the user chose
     * @return the flags that go with it: the collector and, for the serial collector, {@link
     *     #SERIAL_PRETENURE}; none for the user's collector, which the user tunes
     */
    static List<String> flagsWith(String collector) {
        if (collector == null) {
            return List.of();
        }
        return SERIAL.equals(collector) ? List.of(SERIAL, SERIAL_PRETENURE) : List.of(collector);
    }

    /**
     * @param jvmArgs the user's worker flags
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS}, which a
     *     worker inherits ({@code null} when unset)
     * @return whether any of them selects a collector
     */
    static boolean userChooses(List<String> jvmArgs, String... environmentOptions) {
        return UserFlags.any(jvmArgs, a -> CHOICE.matcher(a).matches(), environmentOptions);
    }
}
