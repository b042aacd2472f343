package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.SharedRegion;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the shared-memory files of parents that died before they could (a SIGKILL while a region
 * was being created, before any worker had mapped and unlinked it): once per JVM, before its
 * first region. Only files of this user, named {@code regpy4j-<pid>-…} for a pid that no longer
 * runs, are removed; a pid that runs again (reused) keeps its files, which errs on the side of
 * leaving memory rather than taking a live process's.
 */
final class StaleRegions {

    private static final Logger LOG = LoggerFactory.getLogger(StaleRegions.class);
    private static final Pattern NAME = Pattern.compile("regpy4j-(\\d+)-.*");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private StaleRegions() {}

    /** Sweeps {@link SharedRegion#DIRECTORY} the first time it is called in this JVM; never throws. */
    static void sweepOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            sweep(SharedRegion.DIRECTORY);
        }
    }

    /**
     * @param dir the directory to sweep
     * @return how many files were removed
     */
    static int sweep(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "regpy4j-*")) {
            // /proc/self belongs to this process's effective user: no passwd entry needed.
            Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && isDead(m.group(1)) && me.equals(ownerUid(f))
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A sweep that cannot run changes nothing: the regions of this JVM do not depend on it.
            LOG.debug("could not look for shared-memory files of dead parents in {}: {}", dir, e.toString());
        }
        if (removed > 0) {
            LOG.info("removed {} shared-memory file(s) in {} left by processes that died before removing them",
                    removed, dir);
        }
        return removed;
    }

    private static boolean isDead(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Object ownerUid(Path f) {
        try {
            return Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
