package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.testing.NativeTwice;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.testing.StaticCounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator whose class loads a JNI library keeps working when a warm worker would be reused
 * for a second operator of that class: the JVM binds the library to the first operator's class
 * loader, so such a worker is not reused (one INFO says why), and the second operator gets a
 * fresh one. The library is built with gcc into {@code target/}; without gcc the test is skipped.
 */
@Timeout(120)
class NativeCodeReuseTest {

    private static final String TOLD = "nor is any later worker whose operator loaded a native library";
    private static String library;

    @BeforeAll
    static void buildTheLibrary() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "jni-test").toAbsolutePath());
        Path source = Files.writeString(dir.resolve("twice.c"), NativeTwice.C_SOURCE);
        Path lib = dir.resolve("libregpy4jtwice.so");
        Path include = Path.of(System.getProperty("java.home"), "include");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-I" + include, "-I" + include.resolve("linux"), "-o",
                    lib.toString(), source.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no gcc to build the JNI library: " + e.getMessage());
            return;
        }
        String said = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0 && Files.exists(include.resolve("jni.h")),
                "cannot build the JNI library (gcc or this JDK's include/jni.h): " + said);
        library = lib.toString();
    }

    @AfterEach
    void nothingLeft() {
        Processes.assertNoDescendants();
    }

    @Test
    void aSecondOperatorOfANativeClassWorksAndItsWorkerIsFreshWithOneMessage() {
        ReuseRefusals.forgetWhatWasTold();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (var scope = new ParallelExecutionManager()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ProcessHandle first;
            try (var a = new ParallelVectorOfOperators(List.of(new NativeTwice(3, library)))) {
                first = a.workerProcesses().get(0);
                assertThat(a.apply(new double[] {1, 2, 3})).containsExactly(2, 4, 6);
            }
            assertThat(scope.idleWorkerCount()).as("the worker that loaded native code is not kept").isZero();
            for (int round = 0; round < 2; round++) {
                try (var b = new ParallelVectorOfOperators(List.of(new NativeTwice(3, library)))) {
                    assertThat(b.workerProcesses().get(0)).as("round " + round + ": a fresh worker").isNotEqualTo(first);
                    assertThat(b.apply(new double[] {-1, 0.5, 7})).as("round " + round).containsExactly(-2, 1, 14);
                }
            }
            Processes.millisUntilGone(List.of(first), java.time.Duration.ofSeconds(5));
            assertThat(first.isAlive()).as("the first worker ended").isFalse();
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the log, said once for three such workers").containsOnlyOnce(TOLD);
        assertThat(log).doesNotContain("UnsatisfiedLinkError");
    }

    @Test
    void workersWithoutNativeCodeAreStillReused() {
        try (var scope = new ParallelExecutionManager()) {
            ProcessHandle first;
            try (var a = new ParallelVectorOfOperators(List.of(new StaticCounter()))) {
                first = a.workerProcesses().get(0);
                a.apply(new double[1]);
            }
            assertThat(scope.idleWorkerCount()).isEqualTo(1);
            try (var b = new ParallelVectorOfOperators(List.of(new StaticCounter()))) {
                assertThat(b.workerProcesses().get(0)).isEqualTo(first);
            }
        }
    }
}
