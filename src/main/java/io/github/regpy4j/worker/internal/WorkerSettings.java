package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.OperatorWorker;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What a worker is told through system properties on its command line, and the library version it
 * announces in its {@link Hello}. Internal: set by the parallel runtime, read by {@link OperatorWorker}.
 */
public final class WorkerSettings {

    /**
     * Milliseconds an idle worker may go without hearing from its parent before it exits ({@link
     * WorkerExit#PARENT_SILENT}); absent or 0 for never. Set for workers started through a launcher
     * other than the local one, whose parent sends heartbeats.
     */
    public static final String IDLE_SILENCE_PROPERTY = "regpy4j.worker.idleSilenceMillis";

    /** A system property a test may set to make a worker announce another library version. */
    static final String LIBRARY_VERSION_OVERRIDE = "regpy4j.worker.libraryVersion";

    private static final String VERSION_RESOURCE = "/io/github/regpy4j/regpy4j-version.properties";
    private static final String LIBRARY_VERSION = readLibraryVersion();

    private WorkerSettings() {}

    /**
     * @return the version of regpy4j on this JVM's classpath, e.g. {@code 0.1.0-SNAPSHOT}, from the
     *     properties file Maven writes into the jar; {@code unknown} when it cannot be read
     */
    public static String libraryVersion() {
        return LIBRARY_VERSION;
    }

    private static String readLibraryVersion() {
        try (InputStream in = WorkerSettings.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // Fall through to the manifest.
        }
        String v = WorkerSettings.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    /** @return the idle silence in milliseconds; 0 when off or unparseable */
    static long idleSilenceMillis() {
        Long v = Long.getLong(IDLE_SILENCE_PROPERTY, 0L);
        return v == null || v < 0 ? 0 : v;
    }
}
