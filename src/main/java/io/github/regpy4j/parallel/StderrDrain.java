package io.github.regpy4j.parallel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr on its own thread into SLF4J, under the worker's name, and keeps its
 * last lines for error messages. A worker that prints a lot never blocks on a full pipe.
 */
final class StderrDrain implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.regpy4j.worker");
    private static final int KEPT_LINES = 40;
    private static final int MAX_LINE = 2000;
    private static final String RUNTIME_PREFIX = "[regpy4j-worker] ";

    private final InputStream stderr;
    private final java.util.function.Supplier<String> workerName;
    private final Deque<String> tail = new ArrayDeque<>(KEPT_LINES);
    private final Thread thread;

    StderrDrain(InputStream stderr, java.util.function.Supplier<String> workerName) {
        this.stderr = stderr;
        this.workerName = workerName;
        this.thread = new Thread(this, "regpy4j-stderr-" + workerName.get());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    line = line.substring(0, MAX_LINE) + "…";
                }
                synchronized (tail) {
                    if (tail.size() == KEPT_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (line.startsWith(RUNTIME_PREFIX)) {
                    LOG.warn("[{}] {}", workerName.get(), line.substring(RUNTIME_PREFIX.length()));
                } else {
                    LOG.info("[{}] {}", workerName.get(), line);
                }
            }
        } catch (IOException e) {
            LOG.debug("[{}] stderr closed: {}", workerName.get(), e.toString());
        }
    }

    /**
     * The last lines of stderr, after waiting briefly for the worker's final words to arrive.
     *
     * @param waitMillis how long to wait for the end of the stream
     * @return the last lines, or {@code "(stderr was empty)"}
     */
    String tail(long waitMillis) {
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            if (tail.isEmpty()) {
                return "(stderr was empty)";
            }
            return String.join("\n  ", tail);
        }
    }
}
