package io.github.regpy4j.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The measured figures of the hostile suite, one line each, appended to {@code
 * target/reliability/figures.tsv}: scenario, phase, milliseconds, time of the run. RELIABILITY.md
 * is written from that file. Tests never print to stdout.
 */
final class Figures {

    static final Path FILE = Path.of("target", "reliability", "figures.tsv");

    private Figures() {}

    /**
     * @param scenario e.g. {@code SIGKILL}
     * @param phase {@code idle}, {@code mid-call}, {@code startup} or another short word
     * @param millis the measured latency
     */
    static synchronized void record(String scenario, String phase, long millis) {
        append(FILE, scenario + "\t" + phase + "\t" + millis + "\t" + Instant.now() + "\n");
    }

    /** Keeps the message of what a scenario threw, for RELIABILITY.md, in {@code target/reliability/messages.txt}. */
    static synchronized void message(String scenario, String phase, Object thrown) {
        String text = thrown instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage() : String.valueOf(thrown);
        if (text.length() > 1500) {
            text = text.substring(0, 1500) + "…";
        }
        append(FILE.resolveSibling("messages.txt"), "## " + scenario + " (" + phase + ")\n" + text + "\n\n");
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record in " + file, e);
        }
    }
}
