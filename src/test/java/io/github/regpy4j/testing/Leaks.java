package io.github.regpy4j.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a leak leaves behind in this JVM, counted: live threads, open file descriptors, temporary
 * files of the runtime, descendant processes. Take a {@link #snapshot()} before, another after,
 * and compare.
 *
 * @param threads live threads (names, for the message)
 * @param fileDescriptors entries of {@code /proc/self/fd}
 * @param tempFiles the runtime's temporary files, {@code regpy4j-classpath-*} in {@code java.io.tmpdir}
 *     (other names starting {@code regpy4j-} there may belong to anything else on the machine)
 * @param descendants running descendant processes
 */
public record Leaks(List<String> threads, int fileDescriptors, List<String> tempFiles, long descendants) {

    /**
     * The JDK's own threads that wait for child processes to exit: a cached pool whose idle
     * threads end 60 s after their last use, so their number follows how many processes exited at
     * once, not what the runtime leaks.
     */
    static final String JDK_PROCESS_REAPER = "process reaper";

    /** @return the counts now (threads without the JDK's {@value #JDK_PROCESS_REAPER}s) */
    public static Leaks snapshot() {
        List<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> !name.equals(JDK_PROCESS_REAPER)).sorted().toList();
        return new Leaks(threads, countFileDescriptors(), listTempFiles(),
                ProcessHandle.current().descendants().filter(Processes::isRunning).count());
    }

    /**
     * Waits up to {@code millis} for the counts to come back to {@code baseline} or below (threads
     * that drain a dead worker's stderr end a moment after it), and returns the last snapshot.
     */
    public static Leaks settleTo(Leaks baseline, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Leaks now = snapshot();
        while (!now.noMoreThan(baseline) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = snapshot();
        }
        return now;
    }

    /** @return whether every count is at most the baseline's */
    public boolean noMoreThan(Leaks baseline) {
        return threads.size() <= baseline.threads.size() && fileDescriptors <= baseline.fileDescriptors
                && tempFiles.size() <= baseline.tempFiles.size() && descendants <= baseline.descendants;
    }

    /** @return what the open file descriptors point to ({@code /proc/self/fd/*} link targets), for failure messages */
    public static List<String> fileDescriptorTargets() {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            s.forEach(fd -> {
                try {
                    targets.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    // Closed while listing: the descriptor of the listing itself.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e, e);
        }
        return targets;
    }

    /** @return the threads here that the baseline does not have, by name */
    public List<String> newThreadsSince(Leaks baseline) {
        List<String> extra = new ArrayList<>(threads);
        baseline.threads.forEach(extra::remove);
        return extra;
    }

    /** @return the number of entries in {@code /proc/self/fd} */
    public static int countFileDescriptors() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e, e);
        }
    }

    /** @return the names of the runtime's temporary files ({@code regpy4j-classpath-*}) in {@code java.io.tmpdir} */
    public static List<String> listTempFiles() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "regpy4j-classpath-*")) {
            d.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list java.io.tmpdir: " + e, e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public String toString() {
        return threads.size() + " threads, " + fileDescriptors + " file descriptors, " + tempFiles.size()
                + " regpy4j temp files " + tempFiles + ", " + descendants + " descendant processes";
    }
}
