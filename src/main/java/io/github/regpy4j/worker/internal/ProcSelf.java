package io.github.regpy4j.worker.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * This process's pid and its parent's pid, read from {@code /proc/self/stat} on Linux, and its
 * command line.
 *
 * <p>Why not {@link ProcessHandle}: initializing it starts a thread pool through lambdas, and
 * in a cold worker that was a sixth of the CPU before the first answer (profiled), paid by
 * every worker of a start of many on few cores. Reading one small file costs a system call.
 * Where there is no {@code /proc}, both answer -1 and the callers fall back to {@link
 * ProcessHandle}.
 */
final class ProcSelf {

    private static final String STAT = "/proc/self/stat";

    private ProcSelf() {}

    /** @return this process's pid, or -1 where {@code /proc} is unavailable */
    static long pid() {
        long[] s = read();
        return s == null ? -1 : s[0];
    }

    /**
     * @return the parent's pid, or -1 where {@code /proc} is unavailable. When the parent dies,
     *     the kernel gives the process another parent (init or a subreaper) at once, so a change
     *     of this value means the parent is gone; a recycled pid cannot become one's parent again.
     */
    static long parentPid() {
        long[] s = read();
        return s == null ? -1 : s[1];
    }

    /**
     * @return whether this process may have child processes: {@code false} only when {@code
     *     /proc/self/task/<tid>/children} says so for every thread (Linux 3.5 and later); {@code
     *     true} when it cannot tell
     */
    static boolean mayHaveChildren() {
        String[] tasks = new java.io.File("/proc/self/task").list();
        if (tasks == null) {
            return true;
        }
        for (String tid : tasks) {
            try (FileInputStream in = new FileInputStream("/proc/self/task/" + tid + "/children")) {
                if (in.read() >= 0) {
                    return true;
                }
            } catch (IOException | SecurityException e) {
                return true; // a thread that just ended, or no such file on this kernel
            }
        }
        return false;
    }

    /**
     * @return this process's command line ({@code /proc/self/cmdline}: the arguments separated by
     *     NUL characters), or {@code null} where {@code /proc} is unavailable
     */
    static String commandLine() {
        try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** @return {pid, ppid}, or {@code null} */
    private static long[] read() {
        byte[] buf = new byte[512];
        int n = 0;
        try (FileInputStream in = new FileInputStream(STAT)) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return parse(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }

    /**
     * @param stat the text of a {@code /proc/<pid>/stat}: {@code pid (comm) state ppid ...}, where
     *     comm may hold spaces and parentheses, so the fields after it are found from the last ')'
     * @return {pid, ppid}, or {@code null} if it does not parse
     */
    static long[] parse(String stat) {
        if (stat.indexOf(" (") <= 0 || stat.lastIndexOf(')') < stat.indexOf(" (")) {
            return null;
        }
        long pid = ProcStat.field(stat, ProcStat.PID);
        long ppid = ProcStat.field(stat, ProcStat.PPID);
        return pid < 0 || ppid < 0 ? null : new long[] {pid, ppid};
    }
}
