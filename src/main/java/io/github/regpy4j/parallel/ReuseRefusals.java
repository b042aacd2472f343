package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.NativeLibraryWatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says why a worker that forgot its operator is not kept warm for the next one. */
final class ReuseRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseRefusals.class);
    private static final AtomicBoolean TOLD_NATIVE = new AtomicBoolean();

    private ReuseRefusals() {}

    /**
     * @param w the worker
     * @param resetAnswer what it answered to {@code reset}: the threads its operator left running,
     *     {@link NativeLibraryWatch#RESET_LOADED_NATIVE_LIBRARY}, or -1 for no proper answer
     */
    static void report(WorkerProcess w, int resetAnswer) {
        if (resetAnswer > 0) {
            LOG.debug("{} is not reused: its operator left {} threads running", w, resetAnswer);
        } else if (resetAnswer == NativeLibraryWatch.RESET_LOADED_NATIVE_LIBRARY) {
            if (TOLD_NATIVE.compareAndSet(false, true)) {
                LOG.info("{} is not reused, nor is any later worker whose operator loaded a native library (JNI): the JVM"
                        + " binds a native library to one class loader, and each operator gets a fresh one, so the next"
                        + " operator of that class could not load it again in the same worker (said once per process)", w);
            } else {
                LOG.debug("{} is not reused: its operator loaded a native library", w);
            }
        }
    }

    /** Lets a test see the once-per-process message again. */
    static void forgetWhatWasTold() {
        TOLD_NATIVE.set(false);
    }
}
