package io.github.regpy4j.worker;

import com.esotericsoftware.kryo.Kryo;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one operator's own classes afresh, so that an operator served later by the same worker
 * sees none of the statics of an earlier one, and the earlier one's classes can be unloaded.
 *
 * <p>Child-first for classes found in the user's classpath entries; everything else (the JDK,
 * regpy4j and the libraries it is built on, which the worker's code shares with every operator)
 * comes from the application class loader. A class found only through a runtime location (the
 * regpy4j jar or directory, Kryo, EJML, JTransforms, SLF4J…) is never loaded twice.
 *
 * <p>When operator classes share a jar with regpy4j (a fat jar), they come from the application
 * loader and their statics are shared between the operators a worker serves in turn.
 */
final class OperatorClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Classes whose locations make up the runtime shared with every operator. */
    private static final String[] RUNTIME_CLASSES = {"io.github.regpy4j.worker.OperatorWorker",
        "com.esotericsoftware.kryo.Kryo", "org.objenesis.Objenesis", "com.esotericsoftware.minlog.Log",
        "com.esotericsoftware.reflectasm.FieldAccess", "org.slf4j.LoggerFactory", "org.ejml.data.DMatrixRMaj",
        "org.ejml.dense.row.CommonOps_DDRM", "org.ejml.dense.row.CommonOps_ZDRM", "org.jtransforms.fft.DoubleFFT_1D",
        "pl.edu.icm.jlargearrays.LargeArray", "org.apache.commons.math3.util.FastMath"};

    private static final List<String> RUNTIME_LOCATIONS = runtimeLocations();

    private OperatorClassLoader(URL[] userEntries, ClassLoader parent) {
        super("regpy4j-operator", userEntries, parent);
    }

    /** @return a fresh loader over this JVM's classpath entries that are not the runtime's */
    static OperatorClassLoader create() {
        List<URL> user = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            try {
                URL u = Paths.get(e).toAbsolutePath().toUri().toURL();
                if (!isRuntime(u.toString())) {
                    user.add(u);
                }
            } catch (MalformedURLException | RuntimeException ex) {
                // Not a usable entry.
            }
        }
        return new OperatorClassLoader(user.toArray(new URL[0]), ClassLoader.getSystemClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !name.startsWith("java.") && isOwn(name.replace('.', '/') + ".class")) {
                c = findClass(name);
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        return isOwn(name) ? findResource(name) : super.getResource(name);
    }

    /**
     * Whether a resource belongs to the operator rather than to the runtime: it is in a user
     * entry, and the application loader would not take it from a runtime location (a class
     * may be on the classpath twice, e.g. regpy4j's own classes both in the class-data-sharing
     * jar and in their original directory).
     */
    private boolean isOwn(String resource) {
        URL own = findResource(resource);
        if (own == null || isRuntime(own.toString())) {
            return false;
        }
        URL shared = getParent().getResource(resource);
        return shared == null || !isRuntime(shared.toString());
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        URL u = getResource(name);
        try {
            return u == null ? null : u.openStream();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isRuntime(String url) {
        for (String r : RUNTIME_LOCATIONS) {
            if (url.startsWith(r) || url.startsWith("jar:" + r)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> runtimeLocations() {
        List<String> locations = new ArrayList<>();
        for (String name : RUNTIME_CLASSES) {
            try {
                Class<?> c = Class.forName(name, false, Kryo.class.getClassLoader());
                CodeSource cs = c.getProtectionDomain().getCodeSource();
                if (cs != null && cs.getLocation() != null) {
                    Path p = Paths.get(cs.getLocation().toURI()).toAbsolutePath();
                    locations.add(p.toUri().toURL().toString());
                }
            } catch (ClassNotFoundException | LinkageError | URISyntaxException | MalformedURLException
                    | RuntimeException e) {
                // An optional library that is not on this classpath.
            }
        }
        return List.copyOf(locations);
    }
}
