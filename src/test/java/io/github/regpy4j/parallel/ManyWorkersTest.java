package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Processes;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Past {@value LiveGroups#MAX_WORKERS} live workers (regpy's {@code MAX_SUBPROCESSES}) the
 * runtime warns, once, and keeps working; closing still ends every one. With 130 real worker
 * JVMs (about 6 GB; 9 s on 2 cores with the AppCDS archive) this belongs to the long run:
 * {@code ./mvnw -B verify -Dtest.excludedGroups= -Dtest.groups=long -Dtest=ManyWorkersTest}.
 */
@Tag("long")
@Timeout(300)
class ManyWorkersTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void pastTheLimitTheRuntimeWarnsOnceAndKeepsWorking() {
        VectorSpace x = VectorSpace.real(2);
        List<Operator> many = Collections.nCopies(LiveGroups.MAX_WORKERS, new Identity(x));
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(true);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<ParallelVectorOfOperators> open = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            open.add(new ParallelVectorOfOperators(many, options));
            assertThat(captured.toString(StandardCharsets.UTF_8)).as("at the limit").doesNotContain("worker JVMs are running");
            open.add(new ParallelVectorOfOperators(List.of(new Identity(x)), options));
            open.add(new ParallelVectorOfOperators(List.of(new Identity(x)), options));
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).as("past the limit, once").containsOnlyOnce("worker JVMs are running, more than "
                    + LiveGroups.MAX_WORKERS);
            assertThat(log).contains(LiveGroups.MAX_WORKERS + 1 + " worker JVMs are running");
            double[] v = {1.5, -2};
            assertThat(open.get(2).apply(v)).containsExactly(v);
            assertThat(open.get(0).apply(v)).hasSize(2 * LiveGroups.MAX_WORKERS);
        } finally {
            System.setErr(err);
            open.forEach(ParallelVectorOfOperators::close);
        }
        assertThat(LiveGroups.liveWorkers()).isZero();
    }
}
