package io.github.regpy4j.parallel;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tells whether a worker that died of SIGKILL was killed by the kernel's out-of-memory killer: the
 * {@code oom_kill} counter of the worker's memory cgroup ({@code memory.events} under cgroup v2,
 * {@code memory.oom_control} under v1) is read when the worker starts and again when it is found
 * dead. A SIGKILL alone could be anyone's {@code kill -9}; with the counter up, the likely cause,
 * and what to do about it, goes into the {@link WorkerCrashedException}.
 */
final class OomKillWatch {

    /** Status of a process ended by SIGKILL, as {@link Process#exitValue()} gives it. */
    static final int SIGKILL_STATUS = 128 + 9;
    private static final OomKillWatch NONE = new OomKillWatch(null, 0);

    private final CgroupMemory cgroup;
    private final long killsAtStart;

    private OomKillWatch(CgroupMemory cgroup, long killsAtStart) {
        this.cgroup = cgroup;
        this.killsAtStart = killsAtStart;
    }

    /** @return a watch on the cgroup of local process {@code pid}; one that never explains anything where there is none */
    static OomKillWatch of(long pid) {
        return of(CgroupMemory.ofProcess(pid));
    }

    /** @return a watch on {@code cgroup}, its counter read now */
    static OomKillWatch of(Optional<CgroupMemory> cgroup) {
        if (cgroup.isEmpty()) {
            return NONE;
        }
        OptionalLong kills = cgroup.get().oomKills();
        return kills.isPresent() ? new OomKillWatch(cgroup.get(), kills.getAsLong()) : NONE;
    }

    /**
     * @param status the worker's exit status
     * @return a sentence for the crash message, starting with {@code "; "}, when the worker died of
     *     SIGKILL and the OOM killer killed in its cgroup since it started; else empty
     */
    String explain(int status) {
        if (cgroup == null || status != SIGKILL_STATUS) {
            return "";
        }
        OptionalLong now = cgroup.oomKills();
        if (now.isEmpty() || now.getAsLong() <= killsAtStart) {
            return "";
        }
        long kills = now.getAsLong() - killsAtStart;
        return "; the kernel's out-of-memory killer killed it (" + cgroup.eventsFile() + ": oom_kill went from "
                + killsAtStart + " to " + now.getAsLong() + (kills > 1 ? ", " + kills + " processes of its cgroup" : "")
                + "): the machine or container ran out of memory. Give the workers less heap (-Xmx through"
                + " WorkerOptions.withJvmArgs), use fewer workers at once, or give the container more memory";
    }
}
