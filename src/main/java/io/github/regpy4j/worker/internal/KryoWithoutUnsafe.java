package io.github.regpy4j.worker.internal;

/**
 * Keeps Kryo away from {@code sun.misc.Unsafe}. Kryo's {@code Util} probes for it when first
 * used, and that probe ({@code Unsafe.arrayBaseOffset}) alone makes JDK 24 and later print a
 * deprecation warning on the parent's and every worker's stderr; JDK 26 or later may refuse it.
 * The only switch Kryo 5.6.2 offers is the system property {@code kryo.unsafe}, read once, so it
 * is set here, before any class of ours touches Kryo, unless the application chose a value.
 * Nothing is lost: the frame codec copies doubles with {@link DoubleArrayOutput} and {@link
 * DoubleArrayInput}, and operators are serialized once per worker.
 */
final class KryoWithoutUnsafe {

    /** The property Kryo's {@code Util} reads in its static initializer. */
    static final String PROPERTY = "kryo.unsafe";

    static {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }

    private KryoWithoutUnsafe() {}

    /** Sets the property if nobody did; call from the static initializer of every class that uses Kryo. */
    static void ensure() {
        // The class's static initializer did the work.
    }
}
