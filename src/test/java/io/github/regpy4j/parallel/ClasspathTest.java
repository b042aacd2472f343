package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.Quadratic;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            // A class of the tests, not of the runtime: the worker must find it through that classpath.
            try (var parallel = new ParallelVectorOfOperators(List.of(new Quadratic(x, x.ones(), 0)))) {
                assertThat(parallel.apply(new double[] {1, 2})).containsExactly(1, 4);
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
        List<Path> used = new ArrayList<>();
        withClasspath(cp.toString(), Thread.currentThread().getContextClassLoader(), () -> {
            VectorSpace x = VectorSpace.real(2);
            try (var parallel = new ParallelVectorOfOperators(List.of(new Quadratic(x, x.ones(), 0),
                    new Quadratic(x, x.ones(), 0)))) {
                List<String> args = List.of(parallel.workerProcesses().get(0).info().arguments().orElseThrow());
                args.stream().filter(a -> a.startsWith("@") && a.contains("regpy4j-classpath-"))
                        .forEach(a -> used.add(Path.of(a.substring(1))));
                assertThat(parallel.apply(new double[] {3, 4})).containsExactly(9, 16, 9, 16);
            }
        });
        assertThat(used).as("the workers' classpath came through an argfile").hasSize(1);
        assertThat(used.get(0)).as("the argfile is deleted once the workers have started").doesNotExist();
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
