package io.github.regpy4j.parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The memory controller of a Linux control group (cgroup v2, or v1's {@code memory} hierarchy),
 * as a container or a batch system sets it up: its memory limit, and how many processes of it the
 * kernel's out-of-memory killer has killed. Read from files only; everything absent (another
 * operating system, no controller) is an empty answer, never an error.
 *
 * <p>The files: v2 {@code <root>/<path>/memory.max} ({@code max} when unlimited) and
 * {@code memory.events} ({@code oom_kill N}); v1 {@code <root>/memory/<path>/memory.limit_in_bytes}
 * (a huge number when unlimited) and {@code memory.oom_control} ({@code oom_kill N}). The path
 * comes from {@code /proc/<pid>/cgroup}; inside a container whose cgroup is its root, the path
 * there may not exist and the root's files are taken.
 */
final class CgroupMemory {

    /** At or above this, a v1 limit means "none" (the kernel's page-rounded {@code LONG_MAX}). */
    private static final long V1_UNLIMITED = 1L << 60;

    private final Path directory;
    private final Path top;
    private final boolean v2;

    private CgroupMemory(Path directory, Path top, boolean v2) {
        this.directory = directory;
        this.top = top;
        this.v2 = v2;
    }

    /** @return the memory cgroup of this JVM, if any */
    static Optional<CgroupMemory> ofThisProcess() {
        return of(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"));
    }

    /** @return the memory cgroup of process {@code pid}, if any */
    static Optional<CgroupMemory> ofProcess(long pid) {
        return of(Path.of("/proc/" + pid + "/cgroup"), Path.of("/sys/fs/cgroup"));
    }

    /**
     * @param procCgroup a {@code /proc/<pid>/cgroup} file
     * @param root where cgroup file systems are mounted, normally {@code /sys/fs/cgroup}
     * @return the memory cgroup it names, if its files exist
     */
    static Optional<CgroupMemory> of(Path procCgroup, Path root) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procCgroup, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String v1Path = null;
        String v2Path = null;
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
            } else if (List.of(f[1].split(",")).contains("memory")) {
                v1Path = f[2];
            }
        }
        if (v1Path != null && Files.isDirectory(root.resolve("memory"))) {
            return Optional.of(locate(root.resolve("memory"), v1Path, false));
        }
        if (v2Path != null && Files.exists(root.resolve("cgroup.controllers"))) {
            return Optional.of(locate(root, v2Path, true));
        }
        return Optional.empty();
    }

    /** The deepest existing directory along {@code path} under {@code top}. */
    private static CgroupMemory locate(Path top, String path, boolean v2) {
        Path d = top.resolve(path.replaceFirst("^/+", "")).normalize();
        while (!d.equals(top) && d.startsWith(top) && !Files.isDirectory(d)) {
            d = d.getParent();
        }
        return new CgroupMemory(d.startsWith(top) ? d : top, top, v2);
    }

    /** @return the smallest memory limit of this cgroup and its ancestors, in bytes; empty when none is set */
    OptionalLong limitBytes() {
        long min = Long.MAX_VALUE;
        for (Path d = directory; d != null && d.startsWith(top); d = d.getParent()) {
            OptionalLong l = v2 ? readNumber(d.resolve("memory.max")) : readNumber(d.resolve("memory.limit_in_bytes"));
            if (l.isPresent() && (v2 || l.getAsLong() < V1_UNLIMITED)) {
                min = Math.min(min, l.getAsLong());
            }
        }
        return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
    }

    /** @return how many of this cgroup's processes the OOM killer has killed so far; empty when unknown */
    OptionalLong oomKills() {
        Path f = directory.resolve(v2 ? "memory.events" : "memory.oom_control");
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] kv = line.trim().split("\\s+", -1);
                if (kv.length == 2 && kv[0].equals("oom_kill")) {
                    return OptionalLong.of(Long.parseLong(kv[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown.
        }
        return OptionalLong.empty();
    }

    /** @return the file {@link #oomKills} reads, for messages */
    Path eventsFile() {
        return directory.resolve(v2 ? "memory.events" : "memory.oom_control");
    }

    /** A number, or empty for {@code max}, an absent file or anything else. */
    private static OptionalLong readNumber(Path f) {
        try {
            String s = Files.readString(f, StandardCharsets.UTF_8).trim();
            return s.matches("\\d+") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return (v2 ? "cgroup v2 " : "cgroup v1 ") + directory;
    }
}
