package io.github.regpy4j.worker.internal;

/**
 * The one parser of {@code /proc/<pid>/stat} (Linux, proc(5)): {@code pid (comm) state ppid pgrp
 * ...}, where {@code comm} may hold spaces and parentheses, so the fields after it are counted
 * from the last {@code ')'}. Used for this process's parent (the worker's watch of its parent)
 * and for the process group of any process (the parent's cleanup of what workers started).
 */
public final class ProcStat {

    /** Field 1: the process id. */
    public static final int PID = 1;
    /** Field 4: the parent's process id. */
    public static final int PPID = 4;
    /** Field 5: the process group. */
    public static final int PGRP = 5;

    private ProcStat() {}

    /**
     * @param stat the text of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}
     * @return field 2, the process's or thread's name without its parentheses (it may hold both
     *     spaces and parentheses itself), or {@code ""} if the text does not parse
     */
    public static String command(String stat) {
        int open = stat.indexOf(" (");
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open + 2 ? "" : stat.substring(open + 2, close);
    }

    /**
     * @param stat the text of a {@code /proc/<pid>/stat}
     * @param field a field number as proc(5) counts them, from 1 ({@link #PID}); not 2 ({@code comm})
     *     or 3 (the state letter)
     * @return the field's value, or -1 if the text does not parse
     */
    public static long field(String stat, int field) {
        if (field == PID) {
            int open = stat.indexOf(" (");
            try {
                return open <= 0 ? -1 : Long.parseLong(stat.substring(0, open));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        int close = stat.lastIndexOf(')');
        if (field < PPID || close < 0 || close + 2 >= stat.length()) {
            return -1;
        }
        // After ") ": field 3 (state) is at index 0.
        String[] after = stat.substring(close + 2).split(" ", field - 1);
        if (after.length < field - 2) {
            return -1;
        }
        try {
            return Long.parseLong(after[field - 3].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
