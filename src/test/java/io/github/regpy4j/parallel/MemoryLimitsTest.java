package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default heap of workers the user gave no {@code -Xmx}, the memory limits of cgroups v1 and
 * v2 read from fake files, and the crash message of a worker the OOM killer killed.
 */
class MemoryLimitsTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void halfTheMemoryIsSharedAmongLiveWorkersWithinTheFloorAndTheJvmsOwnQuarter() {
        assertThat(DefaultHeap.maxHeapBytes(64 * GIB, 1)).as("64 GiB, 1 worker: the JVM's own quarter").isEqualTo(16 * GIB);
        assertThat(DefaultHeap.maxHeapBytes(64 * GIB, 2)).as("64 GiB, 2 workers").isEqualTo(16 * GIB);
        assertThat(DefaultHeap.maxHeapBytes(64 * GIB, 8)).as("64 GiB, 8 workers").isEqualTo(4 * GIB);
        assertThat(DefaultHeap.maxHeapBytes(4 * GIB, 4)).as("a 4 GiB container, 4 workers").isEqualTo(512 * MIB);
        assertThat(DefaultHeap.maxHeapBytes(4 * GIB, 10)).as("a 4 GiB container, 10 workers: the floor")
                .isEqualTo(DefaultHeap.FLOOR);
        assertThat(DefaultHeap.maxHeapBytes(512 * MIB, 1)).as("512 MiB: the floor above the quarter").isEqualTo(256 * MIB);
        assertThat(DefaultHeap.maxHeapBytes(10 * GIB, 3) % MIB).as("whole MiB").isZero();
        assertThat(DefaultHeap.maxHeapBytes(10 * GIB, 0)).as("no live worker counts as one").isEqualTo(10 * GIB / 4 / MIB * MIB);
    }

    @Test
    void theUsersOwnHeapFlagsWinWhereverTheyAreGiven() {
        assertThat(DefaultHeap.userSetsHeap(List.of("-Xmx2g"))).isTrue();
        assertThat(DefaultHeap.userSetsHeap(List.of("-ea", "-XX:MaxHeapSize=1073741824"))).isTrue();
        assertThat(DefaultHeap.userSetsHeap(List.of("-XX:MaxRAMPercentage=50"))).isTrue();
        assertThat(DefaultHeap.userSetsHeap(List.of("-Xms1g", "-Xss4m"))).as("-Xms and -Xss are not the maximum heap").isFalse();
        assertThat(DefaultHeap.userSetsHeap(List.of(), " -Dx=1  -Xmx512m", null)).as("JAVA_TOOL_OPTIONS").isTrue();
        assertThat(DefaultHeap.userSetsHeap(List.of(), null, null)).isFalse();
        assertThat(DefaultHeap.flagFor(List.of("-Xmx3g"), 4)).as("no default next to the user's").isEmpty();
    }

    @Test
    void aCapBelowTheRuntimesInitialHeapDropsIt() {
        List<String> d = WorkerCommandLine.DEFAULT_FLAGS;
        assertThat(d).contains(DefaultHeap.BASE_INITIAL_FLAG);
        for (String cap : List.of("-Xmx8m", "-Xmx15m", "-Xmx8192k", "-Xmx8388608", "-XX:MaxHeapSize=8m")) {
            assertThat(DefaultHeap.withoutInitialAboveCap(d, List.of(cap))).as(cap)
                    .doesNotContain(DefaultHeap.BASE_INITIAL_FLAG).hasSize(d.size() - 1);
        }
        for (String cap : List.of("-Xmx16m", "-Xmx1g", "-Xmx16M", "-XX:MaxRAMPercentage=1", "-Xms4m", "-Xmx", "-Xmx8388608t")) {
            assertThat(DefaultHeap.withoutInitialAboveCap(d, List.of(cap))).as(cap).isEqualTo(d);
        }
        assertThat(DefaultHeap.withoutInitialAboveCap(d, List.of(), " -Xmx8m ", null)).as("JAVA_TOOL_OPTIONS")
                .doesNotContain(DefaultHeap.BASE_INITIAL_FLAG);
        assertThat(DefaultHeap.withoutInitialAboveCap(d, List.of(), null, "-Xmx12m")).as("JDK_JAVA_OPTIONS")
                .doesNotContain(DefaultHeap.BASE_INITIAL_FLAG);
        WorkerCommandLine small = WorkerCommandLine.create(WorkerOptions.defaults().withJvmArgs(List.of("-Xmx8m")),
                List.of(), 1);
        assertThat(small.command(0).stream().filter(a -> a.startsWith("-Xms") || a.startsWith("-Xmx")).toList())
                .as(small.command(0).toString()).containsExactly("-Xmx8m");
        List<String> remote = RemoteCommandLine.java(WorkerOptions.defaults().withLauncher(WorkerLauncher.ssh("h"))
                .withJvmArgs(List.of("-Xmx8m")), List.of());
        assertThat(remote).as("a remote worker").doesNotContain(DefaultHeap.BASE_INITIAL_FLAG).contains("-Xmx8m");
    }

    @Test
    void sizesAreReadAsTheJvmReadsThem() {
        assertThat(DefaultHeap.bytesOf("8m")).hasValue(8 * MIB);
        assertThat(DefaultHeap.bytesOf("8M")).hasValue(8 * MIB);
        assertThat(DefaultHeap.bytesOf("2g")).hasValue(2 * GIB);
        assertThat(DefaultHeap.bytesOf("512k")).hasValue(512 * 1024);
        assertThat(DefaultHeap.bytesOf("1t")).hasValue(1024 * GIB);
        assertThat(DefaultHeap.bytesOf("123")).hasValue(123);
        assertThat(DefaultHeap.bytesOf("8388607t")).hasValue(8388607L << 40);
        assertThat(DefaultHeap.bytesOf("999999999999999k")).hasValue(999999999999999L << 10);
        // Past a long: not a size the heap could be capped below 16 MiB by.
        for (String bad : List.of("", "m", "8x", "-8m", "8.5m", "1234567890123456789", "8388608t",
                "99999999999999t")) {
            assertThat(DefaultHeap.bytesOf(bad)).as("'" + bad + "'").isEmpty();
        }
    }

    @Test
    void aWorkerCommandLineWithoutXmxGetsTheDefaultButItsReuseKeyDoesNot() {
        WorkerCommandLine cl = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2);
        List<String> xmx = cl.command(0).stream().filter(a -> a.startsWith("-Xmx")).toList();
        assertThat(xmx).as("heap flags of " + cl.command(0)).hasSize(1);
        long heap = Long.parseLong(xmx.get(0).substring(4, xmx.get(0).length() - 1)) * MIB;
        long memory = DefaultHeap.memoryBytes().orElseThrow();
        assertThat(heap).as("default heap on a machine of " + memory + " bytes").isBetween(DefaultHeap.FLOOR, Math.max(DefaultHeap.FLOOR, memory / 4));
        assertThat(cl.reuseKey()).as("reuse key").noneMatch(a -> a.startsWith("-Xmx"));
        WorkerCommandLine user = WorkerCommandLine.create(WorkerOptions.defaults().withJvmArgs(List.of("-Xmx300m")), List.of(), 2);
        assertThat(user.command(0).stream().filter(a -> a.startsWith("-Xmx")).toList()).containsExactly("-Xmx300m");
    }

    /**
     * Workers of bulk data under G1 (a vector of half a G1 region or more) start with the heap G1
     * would grow them to anyway, within their maximum; workers under the runtime's serial
     * collector with 128 MiB, so that its young generation is not a few MiB; others keep {@code
     * -Xms16m}; any heap flag of the user's wins.
     */
    @Test
    void workersOfBulkDataAndSerialWorkersStartWithALargerHeapWithinTheirMaximum() {
        int bulk = DefaultHeap.BULK_VECTOR_BYTES;
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), bulk, false)).contains("-Xms256m");
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(300 * MIB), 8L << 20, false)).as("half of a small maximum")
                .contains("-Xms150m");
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), bulk - 1, false))
                .as("small vectors under G1 (a remote worker, the static archive)").isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), bulk - 1, true)).as("the serial collector")
                .contains("-Xms128m");
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(100 * MIB), 8, true)).as("half of a small maximum")
                .contains("-Xms50m");
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), bulk, true)).as("bulk data, serial")
                .contains("-Xms128m");
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.empty(), bulk, false)).as("the user's or the JVM's maximum, unknown")
                .isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of("-Xms32m"), OptionalLong.of(4096 * MIB), bulk, false)).as("the user's -Xms").isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of("-Xms32m"), OptionalLong.of(4096 * MIB), 8, true)).as("the user's -Xms").isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of("-XX:InitialHeapSize=64m"), OptionalLong.of(4096 * MIB), bulk, false)).isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), 8, true, " -Xms32m", null))
                .as("the user's -Xms in JAVA_TOOL_OPTIONS, which our command line would override").isEmpty();
        assertThat(DefaultHeap.initialFlagFor(List.of(), OptionalLong.of(4096 * MIB), 8, true, null, null))
                .contains("-Xms128m");

        WorkerCommandLine small = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1000);
        assertThat(small.command(0).stream().filter(a -> a.startsWith("-Xms")).toList()).as("the serial collector's")
                .containsExactly("-Xms16m", "-Xms128m");
        WorkerCommandLine large = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1_000_000);
        List<String> xms = large.command(0).stream().filter(a -> a.startsWith("-Xms")).toList();
        assertThat(xms).as("the last -Xms wins: " + large.command(0)).hasSize(2).startsWith("-Xms16m");
        assertThat(xms.get(1)).isIn("-Xms256m", "-Xms128m");
        assertThat(large.reuseKey()).as("an idle worker keeps the heap it was started with").isEqualTo(small.reuseKey());
        WorkerCommandLine user = WorkerCommandLine.create(WorkerOptions.defaults().withJvmArgs(List.of("-Xmx300m")),
                List.of(), 2, 8 * 1_000_000);
        assertThat(user.command(0).stream().filter(a -> a.startsWith("-Xms")).toList()).containsExactly("-Xms16m");
    }

    /**
     * Workers of bulk data ask for transparent huge pages where the kernel gives them on request;
     * not where it gives them to all (nothing to ask) or to none (the flag would be a warning),
     * not for small vectors, and never against a page flag of the user's.
     */
    @Test
    void workersOfBulkDataAskForTransparentHugePagesWhereTheKernelGivesThemOnRequest(@TempDir Path dir)
            throws IOException {
        int bulk = DefaultHeap.BULK_VECTOR_BYTES;
        String madvise = "always [madvise] never\n";
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk, madvise)).contains("-XX:+UseTransparentHugePages");
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk - 1, madvise)).as("small vectors").isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk, "[always] madvise never\n")).as("always").isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk, "always madvise [never]\n")).as("never").isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk, (String) null)).as("no such file").isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of("-XX:-UseTransparentHugePages"), bulk, madvise)).isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of("-XX:+UseLargePages"), bulk, madvise)).isEmpty();
        assertThat(DefaultHeap.hugePagesFlagFor(List.of(), bulk, madvise, "-XX:-UseTransparentHugePages", null))
                .as("JAVA_TOOL_OPTIONS").isEmpty();

        Path mode = dir.resolve("enabled");
        Files.writeString(mode, madvise);
        assertThat(DefaultHeap.transparentHugePageMode(mode)).isEqualTo(madvise);
        assertThat(DefaultHeap.transparentHugePageMode(dir.resolve("absent"))).isNull();

        WorkerCommandLine small = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1000);
        WorkerCommandLine large = WorkerCommandLine.create(WorkerOptions.defaults(), List.of(), 2, 8 * 1_000_000);
        assertThat(small.command(0)).noneMatch(a -> a.contains("TransparentHugePages"));
        boolean offered = String.valueOf(DefaultHeap.transparentHugePageMode(
                Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))).contains("[madvise]");
        assertThat(large.command(0).contains("-XX:+UseTransparentHugePages")).as("on this machine: " + large.command(0))
                .isEqualTo(offered);
        assertThat(large.reuseKey()).as("an idle worker keeps the pages it was started with").isEqualTo(small.reuseKey());
    }

    @Test
    void meminfoGivesMemTotalInBytes(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24730940 kB\nMemFree:        23650000 kB\n");
        assertThat(DefaultHeap.memTotal(meminfo)).hasValue(24730940L * 1024);
        assertThat(DefaultHeap.memTotal(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void cgroupV2LimitIsTheSmallestAlongThePathAndMaxMeansNone(@TempDir Path root) throws IOException {
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/kubepods/pod1/container\n");
        Path sys = root.resolve("sys");
        Files.createDirectories(sys.resolve("kubepods/pod1/container"));
        Files.writeString(sys.resolve("cgroup.controllers"), "cpu memory\n");
        Files.writeString(sys.resolve("kubepods/memory.max"), "max\n");
        Files.writeString(sys.resolve("kubepods/pod1/memory.max"), String.valueOf(2 * GIB));
        Files.writeString(sys.resolve("kubepods/pod1/container/memory.max"), "max\n");
        CgroupMemory c = CgroupMemory.of(proc, sys).orElseThrow();
        assertThat(c.limitBytes()).as("the pod's limit, set one level up").hasValue(2 * GIB);
        Files.writeString(sys.resolve("kubepods/pod1/memory.max"), "max\n");
        assertThat(c.limitBytes()).as("max everywhere").isEmpty();
    }

    @Test
    void cgroupV1LimitIgnoresTheUnlimitedValueAndAMissingPathFallsBackToTheRoot(@TempDir Path root) throws IOException {
        Path proc = Files.writeString(root.resolve("cgroup"), "4:memory:/docker/abc\n1:cpu,cpuacct:/docker/abc\n0::/\n");
        Path sys = root.resolve("sys");
        Files.createDirectories(sys.resolve("memory"));
        Files.writeString(sys.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        CgroupMemory c = CgroupMemory.of(proc, sys).orElseThrow();
        assertThat(c.limitBytes()).as("the unlimited value").isEmpty();
        Files.writeString(sys.resolve("memory/memory.limit_in_bytes"), String.valueOf(3 * GIB));
        assertThat(c.limitBytes()).as("a container whose cgroup is the mount's root").hasValue(3 * GIB);
        assertThat(CgroupMemory.of(root.resolve("absent"), sys)).as("no /proc file").isEmpty();
    }

    @Test
    void aSigkillWithTheOomCounterUpIsReportedAsTheOomKillerAndNothingElseIs(@TempDir Path root) throws IOException {
        Path proc = Files.writeString(root.resolve("cgroup"), "0::/user.slice/job\n");
        Path sys = root.resolve("sys");
        Path job = Files.createDirectories(sys.resolve("user.slice/job"));
        Files.writeString(sys.resolve("cgroup.controllers"), "memory\n");
        Path events = job.resolve("memory.events");
        Files.writeString(events, "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
        OomKillWatch watch = OomKillWatch.of(CgroupMemory.of(proc, sys));
        assertThat(watch.explain(OomKillWatch.SIGKILL_STATUS)).as("SIGKILL, counter unchanged: someone's kill -9").isEmpty();
        Files.writeString(events, "low 0\nhigh 0\nmax 15\noom 2\noom_kill 2\noom_group_kill 0\n");
        String message = watch.explain(OomKillWatch.SIGKILL_STATUS);
        assertThat(message).contains("out-of-memory killer").contains("oom_kill went from 1 to 2").contains(events.toString())
                .contains("-Xmx");
        assertThat(watch.explain(3)).as("System.exit(3) is no OOM kill, whatever the counter").isEmpty();
        assertThat(OomKillWatch.of(Optional.empty()).explain(OomKillWatch.SIGKILL_STATUS)).as("no cgroup").isEmpty();
    }

    @Test
    void cgroupV1OomControlCountsKillsToo(@TempDir Path root) throws IOException {
        Path proc = Files.writeString(root.resolve("cgroup"), "4:memory:/slurm/job_7\n");
        Path job = Files.createDirectories(root.resolve("sys/memory/slurm/job_7"));
        Files.writeString(job.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 4\n");
        CgroupMemory c = CgroupMemory.of(proc, root.resolve("sys")).orElseThrow();
        assertThat(c.oomKills()).isEqualTo(OptionalLong.of(4));
    }
}
