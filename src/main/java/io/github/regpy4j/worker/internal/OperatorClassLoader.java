package io.github.regpy4j.worker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;

/**
 * Loads one operator's own classes afresh, so that an operator served later by the same worker
 * sees none of the statics of an earlier one, and the earlier one's classes can be unloaded.
 *
 * <p>A class is the operator's own when the application class loader would take it from a file
 * or a jar (not from the JDK) and it is not part of the runtime shared with every operator:
 * regpy4j's library packages and the libraries it is built on ({@link #RUNTIME_PACKAGES}). Such a
 * class is defined here from the same bytes; everything else comes from the application loader.
 * Asking the application loader where a class lives is cheap (its jars are open); searching a
 * copy of the classpath for every class, as a {@code URLClassLoader} would, opened every jar again
 * per operator and was measured to dominate the reuse of a warm worker.
 *
 * <p>The runtime is told by package, not by location: finding the runtime's jars meant resource
 * lookups that opened most of the classpath's jars at every worker start (a fifth of a cold
 * worker's CPU before its first answer, profiled). Operator classes in a fat jar beside regpy4j
 * are therefore the operator's own as well, statics included.
 */
final class OperatorClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /**
     * The packages (with their subpackages) shared with every operator: regpy4j's library layers
     * and its dependencies. A class of theirs loaded afresh per operator would be another type than
     * the one the runtime's own classes use, and the transport could not assign it.
     */
    private static final String[] RUNTIME_PACKAGES = {"io.github.regpy4j.vecsps.", "io.github.regpy4j.operators.",
        "io.github.regpy4j.diagnostics.", "io.github.regpy4j.solvers.", "io.github.regpy4j.worker.",
        "io.github.regpy4j.parallel.", "com.esotericsoftware.", "org.objenesis.", "org.slf4j.", "org.ejml.",
        "org.jtransforms.", "pl.edu.icm.jlargearrays.", "org.apache.commons.math3."};

    /** The libraries {@code System.loadLibrary} asked for on behalf of this loader's classes. */
    private final java.util.Set<String> librariesAskedFor = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
            if (c == null && isOperatorsOwn(name)) {
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

    /** @return whether a class of this name, if the application loader has it, is the operator's own */
    static boolean isOperatorsOwn(String className) {
        if (className.startsWith("java.")) {
            return false;
        }
        for (String p : RUNTIME_PACKAGES) {
            if (className.startsWith(p)) {
                return false;
            }
        }
        return true;
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

    /** @return where the application loader has {@code resource}, if that is a file or a jar; else {@code null} */
    private URL ownResource(String resource) {
        URL u = getParent().getResource(resource);
        if (u == null) {
            return null;
        }
        String s = u.toString();
        return s.startsWith("file:") || s.startsWith("jar:file:") ? u : null;
    }

    /**
     * Records that a class of this loader loads a native library by name, then lets the JVM search
     * {@code java.library.path} as it would anyway: the library is bound to this loader, which
     * the worker must know when it forgets the operator (see {@link NativeLibraryWatch}).
     */
    @Override
    protected String findLibrary(String libname) {
        librariesAskedFor.add(libname);
        return null;
    }

    /** @return the names {@code System.loadLibrary} was called with by this loader's classes */
    java.util.Set<String> librariesAskedFor() {
        return java.util.Set.copyOf(librariesAskedFor);
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
}
