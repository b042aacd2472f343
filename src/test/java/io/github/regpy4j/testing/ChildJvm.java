package io.github.regpy4j.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How tests start a JVM of their own (a worker by hand, a parent to kill): the {@code java} of
 * this JVM and a classpath that holds the library, the test classes and their dependencies,
 * whether the tests run from Maven's manifest-only jar or from an IDE.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** @return the {@code java} executable of this JVM */
    public static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return {@code java.class.path} plus the code locations of the library, the tests, Kryo and its dependencies */
    public static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        List<Class<?>> needed = new ArrayList<>(List.of(io.github.regpy4j.worker.OperatorWorker.class, ChildJvm.class,
                com.esotericsoftware.kryo.Kryo.class, com.esotericsoftware.minlog.Log.class,
                org.objenesis.Objenesis.class, org.slf4j.LoggerFactory.class));
        for (Class<?> c : needed) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                try {
                    entries.add(Paths.get(cs.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // Not a file: the child could not use it anyway.
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** @return {@code java -cp <classpath> <mainClass> <args…>}, with the worker runtime's own quiet flags */
    public static List<String> command(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-cp", classpath(), mainClass.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
