package io.github.regpy4j.worker.internal;

import io.github.regpy4j.operators.FactoryOperator;
import io.github.regpy4j.operators.Operator;

/**
 * What a worker remembers between commands: its operator, served by a {@link ServedOperator} (the
 * command dispatch of regpy's {@code OperatorAsWorker.run}), and the classes, threads and native
 * code that came with it. Unlike regpy, an operator that throws leaves the worker serving, and the
 * reply keeps the exception's type and stack. Used by one thread at a time.
 */
final class WorkerSession {

    /** The operator and its linearization; {@code null} before {@code init}. */
    private ServedOperator served;
    /** The loader of the operator's own classes; the loop threads use it as context loader. */
    private ClassLoader loader = ClassLoader.getSystemClassLoader();
    /** The threads alive before the operator arrived: any other thread was started by it. */
    private java.util.Set<Thread> threadsBefore = java.util.Set.of();
    /** The shared libraries mapped before the operator arrived; {@code null} until the first one. */
    private NativeLibraryWatch nativeLibraries;

    /**
     * @param request a request, its argument inline
     * @param lent the arrays to evaluate into when {@link #lends(Command)} said so for this
     *     command, else {@code null}
     * @return the reply to {@code request}; never throws for what the operator does
     */
    Reply execute(Request request, LentArrays lent) {
        long seq = request.sequence();
        try {
            switch (request.command()) {
                case INIT -> {
                    return Reply.success(seq, init(request.operatorBytes()));
                }
                case EVAL_DIFF, EVAL_NODIFF, DERIV, ADJOINT, NORMAL -> {
                    Command command = request.command();
                    if (lent == null) {
                        return Reply.success(seq, served().evaluate(command, request.vector()));
                    }
                    if (command == Command.EVAL_NODIFF) {
                        served().forgetLinearization();
                    }
                    Operator target = served().target(command);
                    double[] out = lent.result(command, target.codomain().realSize());
                    target.applyInto(request.vector(), out);
                    return Reply.success(seq, out);
                }
                default -> throw new IllegalArgumentException(
                        "command " + request.command() + " is not executed by a session");
            }
        } catch (Throwable t) { // NOPMD: the parent gets every failure, errors included, with its type
            return Reply.error(seq, t);
        }
    }

    /**
     * @return whether {@code command} goes to an operator that evaluates into given arrays and
     *     keeps neither, so that the worker may lend it the same arrays call after call. Never for
     *     {@code eval_diff}, whose argument the derivative may keep.
     */
    boolean lends(Command command) {
        if (served == null || command == Command.EVAL_DIFF) {
            return false; // no operator: execute reports it
        }
        try {
            return served.target(command).evaluatesInto();
        } catch (RuntimeException e) {
            return false; // no linearization, or not a vector command: execute reports it
        }
    }

    private double[] init(byte[] bytes) {
        if (served != null) {
            throw new IllegalStateException("this worker already serves " + served);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("init carries no operator");
        }
        threadsBefore = liveThreads();
        if (nativeLibraries == null) {
            nativeLibraries = NativeLibraryWatch.start();
        }
        OperatorClassLoader own = OperatorClassLoader.create();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(own);
        try {
            Operator op = OperatorTransport.deserialize(bytes, own);
            if (op instanceof FactoryOperator f) {
                f.build();
            }
            served = new ServedOperator(op);
            loader = own;
        } finally {
            current.setContextClassLoader(previous);
        }
        return null;
    }

    /** @return the class loader of the operator's own classes */
    ClassLoader loader() {
        return loader;
    }

    /**
     * Forgets the operator, its linearization and its classes.
     *
     * @return the number of threads the operator started that are still alive (the JDK's own
     *     pools, which hold nothing of the operator, are not counted), or {@link
     *     NativeLibraryWatch#RESET_LOADED_NATIVE_LIBRARY} when it loaded native code
     */
    int reset() {
        boolean loadedNative = loadedNativeCode();
        served = null;
        // Dropping the loader lets its classes, and their statics, be unloaded.
        loader = ClassLoader.getSystemClassLoader();
        int left = 0;
        for (Thread t : liveThreads()) {
            if (t.isAlive() && !threadsBefore.contains(t) && !isJdkPool(t)) {
                left++;
            }
        }
        threadsBefore = java.util.Set.of();
        return loadedNative ? NativeLibraryWatch.RESET_LOADED_NATIVE_LIBRARY : left;
    }

    /** @return whether the operator's classes loaded a native library: then it is bound to their loader */
    private boolean loadedNativeCode() {
        java.util.Set<String> asked = loader instanceof OperatorClassLoader own ? own.librariesAskedFor() : java.util.Set.of();
        java.util.Set<String> mapped = nativeLibraries == null ? java.util.Set.of() : nativeLibraries.loadedSinceLastLook();
        return !asked.isEmpty() || !mapped.isEmpty();
    }

    /** Every live thread, without the safepoint and stack walks of {@code Thread.getAllStackTraces()}. */
    private static java.util.Set<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        return new java.util.HashSet<>(java.util.Arrays.asList(threads).subList(0, n));
    }

    private static boolean isJdkPool(Thread t) {
        String n = t.getName();
        return n.startsWith("ForkJoinPool.commonPool-worker") || n.equals("process reaper")
                || n.startsWith("regpy4j-worker") || n.equals("Common-Cleaner");
    }

    private ServedOperator served() {
        if (served == null) {
            throw new IllegalStateException("no operator yet: init must come first");
        }
        return served;
    }

    /** @return a short description for diagnostics */
    String describe() {
        return served == null ? "no operator" : served.toString();
    }
}
