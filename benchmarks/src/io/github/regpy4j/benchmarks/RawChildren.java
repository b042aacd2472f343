package io.github.regpy4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N {@link EchoChild} JVMs, started as the runtime starts its workers (the {@code java} of
 * {@code java.home}, the runtime's default flags, read from the runtime itself, plus the same
 * extra flags), driven over the same kind of streams ({@link Process}'s buffered pipes): the
 * baseline every runtime figure is divided by.
 */
final class RawChildren implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<OutputStream> outs = new ArrayList<>();
    private final List<InputStream> ins = new ArrayList<>();
    private final List<EchoChild.Codec> codecs = new ArrayList<>();
    private final byte[] ping = new byte[EchoChild.HEADER];
    private final byte[] pong = new byte[EchoChild.HEADER];
    private ExecutorService io;

    /** Starts {@code n} children without waiting for them; {@link #pingAll()} waits. */
    RawChildren(int n, List<String> extraJvmArgs) {
        List<String> cmd = command(extraJvmArgs);
        try {
            for (int i = 0; i < n; i++) {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                processes.add(p);
                outs.add(p.getOutputStream());
                ins.add(p.getInputStream());
                codecs.add(new EchoChild.Codec());
            }
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot start the baseline children: " + e, e);
        }
    }

    static List<String> command(List<String> extraJvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(runtimeDefaultFlags());
        cmd.addAll(extraJvmArgs);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(EchoChild.class.getName());
        return cmd;
    }

    /** The flags the runtime gives every worker (package-private in the runtime: read reflectively). */
    @SuppressWarnings("unchecked")
    static List<String> runtimeDefaultFlags() {
        try {
            Class<?> c = Class.forName("io.github.regpy4j.parallel.WorkerCommandLine");
            Field f = c.getDeclaredField("DEFAULT_FLAGS");
            f.setAccessible(true);
            return (List<String>) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the runtime's default worker flags "
                    + "(io.github.regpy4j.parallel.WorkerCommandLine.DEFAULT_FLAGS): " + e, e);
        }
    }

    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        try {
            entries.add(Paths.get(EchoChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException | RuntimeException e) {
            // java.class.path has it
        }
        return String.join(File.pathSeparator, entries);
    }

    int size() {
        return processes.size();
    }

    List<ProcessHandle> handles() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** One raw round trip of a 16-byte frame to every child: all written, then all read. */
    boolean pingAll() throws IOException {
        for (OutputStream o : outs) {
            o.write(ping, 0, EchoChild.HEADER);
            o.flush();
        }
        for (InputStream in : ins) {
            if (!EchoChild.readFully(in, pong, EchoChild.HEADER)) {
                throw new IOException("a baseline child closed its stdout");
            }
        }
        return true;
    }

    /**
     * Sends {@code x} to every child and reads it back, each child on its own thread when there
     * are several (as the runtime moves large vectors).
     *
     * @return what came back, one fresh array per child
     */
    double[][] roundTripAll(double[] x) throws IOException {
        double[][] back = new double[processes.size()][];
        if (processes.size() == 1) {
            back[0] = roundTrip(0, x);
            return back;
        }
        if (io == null) {
            io = Executors.newFixedThreadPool(processes.size(), r -> {
                Thread t = new Thread(r, "baseline-io");
                t.setDaemon(true);
                return t;
            });
        }
        List<Future<double[]>> fs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            int k = i;
            fs.add(io.submit(() -> roundTrip(k, x)));
        }
        try {
            for (int i = 0; i < back.length; i++) {
                back[i] = fs.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        return back;
    }

    private double[] roundTrip(int i, double[] x) throws IOException {
        byte[] header = new byte[EchoChild.HEADER];
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putLong(0, x.length);
        OutputStream o = outs.get(i);
        o.write(header);
        codecs.get(i).writeDoubles(o, x);
        if (!EchoChild.readFully(ins.get(i), header, EchoChild.HEADER)) {
            throw new IOException("a baseline child closed its stdout");
        }
        return codecs.get(i).readDoubles(ins.get(i), x.length);
    }

    @Override
    public void close() {
        byte[] stop = new byte[EchoChild.HEADER];
        ByteBuffer.wrap(stop).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        for (int i = 0; i < processes.size(); i++) {
            try {
                outs.get(i).write(stop);
                outs.get(i).close();
            } catch (IOException e) {
                // gone already
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (io != null) {
            io.shutdownNow();
        }
    }
}
