package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On JDK 24 and later, {@code sun.misc.Unsafe}'s memory-access methods and {@code invokeCleaner}
 * print a deprecation warning on first use (JEP 498), and JDK 26 or later may refuse them. A
 * parent on such a JDK, with workers on the same {@code java}, sends vectors through the pipe and
 * through shared memory, serializes its operators, unmaps its regions, and closes: neither its
 * stderr nor its workers' (which it logs) may mention {@code sun.misc.Unsafe}. Skipped, with the
 * reason, where no JDK 24+ is installed.
 */
@Timeout(120)
class NoUnsafeWarningTest {

    /** Where these machines keep the current long-term JDK. */
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final long SEED = 20261205L;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void aParentAndItsWorkersOnJdk25PrintNoUnsafeWarning() throws Exception {
        String java = Runtime.version().feature() >= 24 ? ChildJvm.java() : TEMURIN_25.toString();
        assumeTrue(Files.isExecutable(Path.of(java)), "no JDK 24 or later here (looked at " + TEMURIN_25 + ")");
        Path stderr = Files.createTempFile("regpy4j-unsafe-", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", ChildJvm.classpath(), Parent.class.getName()));
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("parent finished").isTrue();
            String log = Files.readString(stderr);
            assertThat(p.exitValue()).as("exit status; stderr:%n%s", log).isZero();
            assertThat(out).as("what the parent found; stderr:%n%s", log).isEqualTo("equal");
            assertThat(log).as("the parent's log, with its workers' stderr").contains("worker")
                    .doesNotContain("sun.misc.Unsafe");
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** The parent: two workers, a small call through the pipe and a large one through shared memory. */
    public static final class Parent {
        private Parent() {}

        /** Prints {@code equal} when every result is its argument bit for bit. */
        public static void main(String[] args) throws IOException {
            VectorSpace small = VectorSpace.real(1000);
            VectorSpace large = VectorSpace.real(300_000);
            Random rng = new Random(SEED);
            boolean equal = true;
            WorkerOptions options = WorkerOptions.defaults().withSharedMemoryThreshold(1 << 20);
            for (VectorSpace space : List.of(small, large)) {
                List<Operator> ops = List.of(new Identity(space), new Identity(space));
                try (var parallel = new ParallelVectorOfOperators(ops, options)) {
                    double[] x = space.randn(rng);
                    x[0] = Double.longBitsToDouble(0xfff8dead0000beefL);
                    double[] y = parallel.apply(x);
                    equal &= Arrays.equals(y, 0, x.length, x, 0, x.length)
                            && Double.doubleToRawLongBits(y[x.length]) == 0xfff8dead0000beefL;
                }
            }
            System.out.println(equal ? "equal" : "different");
        }
    }
}
