package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Echo;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The worker classpath: taken from the class loader under a launcher jar, and through an argfile when long. */
@Timeout(60)
class ClasspathTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void underALauncherJarTheClasspathComesFromTheClassLoader(@TempDir Path dir) throws Exception {
        // As under `mvn exec:java`: java.class.path names only a launcher jar, and the program's
        // classes live in a URLClassLoader of the launcher's.
        Path launcher = Files.createFile(dir.resolve("plexus-classworlds-launcher.jar"));
        List<URL> real = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            real.add(Path.of(e).toUri().toURL());
        }
        withClasspath(launcher.toString(), new URLClassLoader(real.toArray(new URL[0]), null), () -> {
            VectorSpace x = VectorSpace.real(2);
            try (var parallel = new ParallelVectorOfOperators(List.of(new Echo(x)))) {
                assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 2);
            }
        });
    }

    @Test
    void aClasspathLongerThanALinuxArgumentGoesThroughAnArgfileThatIsDeletedAfterwards(@TempDir Path dir)
            throws Exception {
        // 300 entries of 500 characters: 150 kB, more than the 128 KiB Linux allows one argument.
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        String longName = "d".repeat(490);
        for (int i = 0; i < 300; i++) {
            cp.append(File.pathSeparator).append(dir.resolve(longName + i));
        }
        assertThat(cp.length()).isGreaterThan(128 * 1024);
        List<Path> before = argfiles();
        withClasspath(cp.toString(), Thread.currentThread().getContextClassLoader(), () -> {
            VectorSpace x = VectorSpace.real(2);
            try (var parallel = new ParallelVectorOfOperators(List.of(new Echo(x), new Echo(x)))) {
                List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
                assertThat(args).anyMatch(a -> a.startsWith("@") && a.contains("regpy4j-classpath-"));
                assertThat(parallel.apply(new double[] {3, 4})).containsExactly(3, 4, 3, 4);
            }
        });
        // Other processes on the machine may come and go with argfiles of their own: only new ones count.
        assertThat(argfiles()).as("argfiles this test left in the temporary directory").isSubsetOf(before);
    }

    private static List<Path> argfiles() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("regpy4j-classpath-")).sorted().toList();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void withClasspath(String classpath, ClassLoader loader, Body body) throws Exception {
        String saved = System.getProperty("java.class.path");
        ClassLoader savedLoader = Thread.currentThread().getContextClassLoader();
        System.setProperty("java.class.path", classpath);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            body.run();
        } finally {
            System.setProperty("java.class.path", saved);
            Thread.currentThread().setContextClassLoader(savedLoader);
        }
    }
}
