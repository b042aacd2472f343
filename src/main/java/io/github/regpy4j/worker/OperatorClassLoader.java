package io.github.regpy4j.worker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one operator's own classes afresh, so that an operator served later by the same worker
 * sees none of the statics of an earlier one, and the earlier one's classes can be unloaded.
 *
 * <p>A class is the operator's own when the application class loader would take it from a user
 * classpath entry: not from the JDK, and not from a runtime location (regpy4j and the libraries
 * it is built on, which the worker's code shares with every operator). Such a class is defined
 * here from the same bytes; everything else comes from the application loader. Asking the
 * application loader where a class lives is cheap (its jars are open); searching a copy of the
 * classpath for every class, as a {@code URLClassLoader} would, opened every jar again per
 * operator and was measured to dominate the reuse of a warm worker.
 *
 * <p>When operator classes share a jar with regpy4j (a fat jar), they come from the application
 * loader and their statics are shared between the operators a worker serves in turn.
 */
final class OperatorClassLoader extends ClassLoader {

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
    private static final List<String> USER_LOCATIONS = userLocations();

    private OperatorClassLoader() {
        super("regpy4j-operator", ClassLoader.getSystemClassLoader());
    }

    /** @return a fresh loader for one operator's own classes */
    static OperatorClassLoader create() {
        return new OperatorClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !name.startsWith("java.")) {
                URL own = ownResource(name.replace('.', '/') + ".class");
                if (own != null) {
                    c = define(name, own);
                }
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

    private Class<?> define(String name, URL resource) throws ClassNotFoundException {
        byte[] bytes;
        try (InputStream in = resource.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read " + resource, e);
        }
        CodeSource source = new CodeSource(locationOf(resource.toString()), (Certificate[]) null);
        return defineClass(name, bytes, 0, bytes.length, new ProtectionDomain(source, null, this, null));
    }

    /** @return where the application loader has {@code resource}, if that is a user entry; else {@code null} */
    private URL ownResource(String resource) {
        URL u = getParent().getResource(resource);
        if (u == null) {
            return null;
        }
        String s = u.toString();
        for (String r : RUNTIME_LOCATIONS) {
            if (s.startsWith(r) || s.startsWith("jar:" + r)) {
                return null;
            }
        }
        for (String user : USER_LOCATIONS) {
            if (s.startsWith(user) || s.startsWith("jar:" + user)) {
                return u;
            }
        }
        return null;
    }

    /** Resources come from where the application loader has them; the bytes are the same. */
    @Override
    public URL getResource(String name) {
        return getParent().getResource(name);
    }

    /** {@code jar:file:/a/b.jar!/x/Y.class} → {@code file:/a/b.jar}; {@code file:/d/x/Y.class} → that. */
    private static URL locationOf(String resource) {
        try {
            String s = resource.startsWith("jar:") ? resource.substring(4, resource.indexOf("!/")) : resource;
            return new URL(s);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> runtimeLocations() {
        List<String> locations = new ArrayList<>();
        ClassLoader app = ClassLoader.getSystemClassLoader();
        for (String name : RUNTIME_CLASSES) {
            String resource = name.replace('.', '/') + ".class";
            URL u = app.getResource(resource);
            if (u == null) {
                continue; // an optional library that is not on this classpath
            }
            String s = u.toString();
            if (s.startsWith("jar:")) {
                locations.add(s.substring(4, s.indexOf("!/")));
            } else if (s.endsWith(resource)) {
                locations.add(s.substring(0, s.length() - resource.length()));
            }
        }
        return List.copyOf(locations);
    }

    private static List<String> userLocations() {
        List<String> user = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            try {
                String u = Paths.get(e).toAbsolutePath().toUri().toURL().toString();
                if (RUNTIME_LOCATIONS.stream().noneMatch(u::startsWith)) {
                    user.add(u);
                }
            } catch (IOException | RuntimeException ex) {
                // Not a usable entry.
            }
        }
        return List.copyOf(user);
    }
}
