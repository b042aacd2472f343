package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.ChildJvm;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More worker JVMs than processors: the runtime says once, at INFO, how to group them. Run in a
 * child JVM that sees one processor, so that two operators are already too many.
 */
@Timeout(60)
class OversubscriptionHintTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void theHintComesOnceAndNotForGroupsThatFit() throws Exception {
        List<String> cmd = new ArrayList<>(ChildJvm.command(TwoOversubscribedGroups.class));
        cmd.add(1, "-XX:ActiveProcessorCount=1");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(50, TimeUnit.SECONDS)).as("the child finished; its output:%n%s", out).isTrue();
        assertThat(child.exitValue()).as("exit status; output:%n%s", out).isZero();
        Matcher m = Pattern.compile("withMaxWorkers\\(1\\)").matcher(out);
        int hints = 0;
        while (m.find()) {
            hints++;
        }
        assertThat(hints).as("hints in the child's log:%n%s", out).isEqualTo(1);
        assertThat(out).contains("starts 2 worker JVMs on 1 processors").contains("INFO");
    }

    /** Starts two operators of two workers each, then one grouped onto one worker, on one processor. */
    static final class TwoOversubscribedGroups {
        public static void main(String[] args) {
            for (int round = 0; round < 2; round++) {
                try (var p = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)))) {
                    p.apply(new double[] {1, 2});
                }
            }
            try (var p = new ParallelVectorOfOperators(List.of(new Misbehaving(2), new Misbehaving(2)),
                    WorkerOptions.defaults().withMaxWorkers(1))) {
                p.apply(new double[] {1, 2});
            }
        }
    }
}
