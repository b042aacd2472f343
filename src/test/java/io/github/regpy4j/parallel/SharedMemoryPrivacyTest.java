package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While a call runs, every shared-memory region of this JVM is private to its user (mode 0600 from
 * the start) and named with a part nobody can guess; after the call, no name is left.
 */
@Timeout(60)
class SharedMemoryPrivacyTest {

    /** {@code regpy4j-<pid>-<n>-<32 hex digits>}: 128 random bits after the counter. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(SharedMemory.PREFIX) + "\\d+-[0-9a-f]{32}");
    /** How long the operator sleeps inside the call while the test looks at /dev/shm. */
    private static final long CALL_MILLIS = 3000;

    @AfterEach
    void nothingLeft() throws IOException {
        Processes.assertNoDescendants();
        assertThat(regionsOfThisJvm()).as("shared-memory regions left after the call").isEmpty();
    }

    @Test
    void everyRegionIsOwnerOnlyAndUnguessableWhileACallRuns() throws Exception {
        int n = 1000;
        WorkerOptions shared = WorkerOptions.defaults().withSharedMemoryThreshold(0);
        try (var parallel = new ParallelVectorOfOperators(List.of(new Misbehaving(n), new Misbehaving(n)), shared)) {
            CompletableFuture<double[]> call = CompletableFuture.supplyAsync(
                    () -> parallel.apply(Misbehaving.Trigger.SLEEP.argument(n, CALL_MILLIS)));
            // The shared argument and one reply region per worker.
            Set<Path> seen = new HashSet<>();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALL_MILLIS - 500);
            while (System.nanoTime() < until && seen.size() < 3) {
                seen.addAll(regionsOfThisJvm());
                Thread.sleep(20);
            }
            assertThat(seen).as("regions of this JVM seen in /dev/shm during the call").hasSize(3);
            String me = System.getProperty("user.name");
            for (Path p : seen) {
                assertThat(p.getFileName().toString()).as("name of " + p).matches(NAME);
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertThat(PosixFilePermissions.toString(a.permissions())).as("mode of " + p).isEqualTo("rw-------");
                assertThat(a.owner().getName()).as("owner of " + p).isEqualTo(me);
                assertThat(a.isRegularFile()).as(p + " is a regular file").isTrue();
            }
            double[] y = call.get(30, TimeUnit.SECONDS);
            assertThat(y).as("the call's result, both components").hasSize(2 * n);
            assertThat(y[1]).as("x[1] came back from worker 0").isEqualTo(CALL_MILLIS);
            assertThat(y[n + 1]).as("x[1] came back from worker 1").isEqualTo(CALL_MILLIS);
        }
    }

    @Test
    void namesNeverRepeatAndShareNoRandomPart() {
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = SharedMemory.newName();
            assertThat(name).matches(NAME);
            names.add(name);
            secrets.add(name.substring(name.lastIndexOf('-') + 1));
        }
        assertThat(names).as("distinct names of 1000").hasSize(1000);
        assertThat(secrets).as("distinct random parts of 1000").hasSize(1000);
    }

    private static List<Path> regionsOfThisJvm() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> all = Files.list(Path.of("/dev/shm"))) {
            all.filter(p -> p.getFileName().toString().startsWith(SharedMemory.PREFIX)).forEach(found::add);
        }
        return found;
    }
}
