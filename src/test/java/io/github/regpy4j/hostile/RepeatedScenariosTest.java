package io.github.regpy4j.hostile;

import io.github.regpy4j.testing.Processes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The long run of {@link WorkerDeathTest} and {@link GrandchildTest}: every scenario {@value #RUNS}
 * times, each run checked as in the quick suite (typed exception, bound, nothing left) and its
 * latency recorded, so RELIABILITY.md can give the worst of {@value #RUNS}.
 */
@Tag("long")
class RepeatedScenariosTest {

    static final int RUNS = 20;

    interface Scenario {
        void run() throws Exception;
    }

    @Test
    @Timeout(1800)
    void everyWorkerDeathScenarioTwentyTimes() throws Exception {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("SIGKILL idle", () -> new WorkerDeathTest().sigkillWhileIdle());
        scenarios.put("SIGKILL mid-call", () -> new WorkerDeathTest().sigkillMidCall());
        scenarios.put("SIGTERM idle", () -> new WorkerDeathTest().sigtermWhileIdle());
        scenarios.put("SIGTERM mid-call", () -> new WorkerDeathTest().sigtermMidCall());
        scenarios.put("System.exit idle", () -> new WorkerDeathTest().systemExitWhileIdle());
        scenarios.put("System.exit mid-call", () -> new WorkerDeathTest().systemExitMidCall());
        scenarios.put("Runtime.halt idle", () -> new WorkerDeathTest().runtimeHaltWhileIdle());
        scenarios.put("Runtime.halt mid-call", () -> new WorkerDeathTest().runtimeHaltMidCall());
        scenarios.put("OOM mid-call", () -> new WorkerDeathTest().outOfMemoryMidCallIsARemoteErrorNamingItAndTheWorkerServesOn());
        scenarios.put("OOM idle", () -> new WorkerDeathTest().outOfMemoryWhileIdleIsNamedAtTheNextCall());
        scenarios.put("StackOverflowError", () -> new WorkerDeathTest().stackOverflowMidCallIsARemoteErrorAndTheWorkerServesOn());
        scenarios.put("megabytes mid-call", () -> new WorkerDeathTest().megabytesOnStdoutAndStderrMidCallNeitherDeadlockNorCorrupt());
        scenarios.put("megabytes idle", () -> new WorkerDeathTest().megabytesPrintedWhileIdleNeitherDeadlockNorCorrupt());
        scenarios.put("raw fd 1 mid-call", () -> new WorkerDeathTest().rawBytesOnFileDescriptorOneMidCallAreReportedWithTheirText());
        scenarios.put("raw fd 1 idle",
                () -> new WorkerDeathTest().rawBytesOnFileDescriptorOneWhileIdleAreReportedWithTheirTextAtTheNextCall());
        scenarios.put("bad JVM flag", () -> new WorkerDeathTest().aBadJvmFlagGivesAStartupErrorWithTheChildsOwnWords());
        scenarios.put("missing class",
                () -> new WorkerDeathTest().anOperatorClassMissingFromTheWorkersClasspathGivesAStartupErrorNamingIt());
        scenarios.put("subprocess, close mid-call", () -> grandchild(GrandchildTest::closeDuringACallEndsTheOperatorsSubprocess));
        scenarios.put("subprocess, timeout", () -> grandchild(GrandchildTest::aCallTimeoutEndsTheOperatorsSubprocess));
        scenarios.put("subprocess, close idle",
                () -> grandchild(GrandchildTest::closingAnIdleWorkerEndsTheSubprocessItsOperatorLeftRunning));
        scenarios.put("subprocess, SIGKILL mid-call", () -> grandchild(GrandchildTest::sigkillOfAWorkerDuringACallEndsItsOperatorsSubprocess));
        scenarios.put("subprocess, SIGKILL idle",
                () -> grandchild(GrandchildTest::sigkillOfAnIdleWorkerEndsTheSubprocessItsOperatorLeftRunning));
        // -Dhostile.scenarios=<regex> runs only the scenarios whose names match.
        String only = System.getProperty("hostile.scenarios", ".*");
        for (Map.Entry<String, Scenario> s : scenarios.entrySet()) {
            if (!s.getKey().matches(only)) {
                continue;
            }
            for (int run = 0; run < RUNS; run++) {
                try {
                    s.getValue().run();
                    Processes.assertNoDescendants();
                } catch (Exception | AssertionError e) {
                    throw new AssertionError(s.getKey() + ", run " + (run + 1) + " of " + RUNS + ": " + e, e);
                }
            }
        }
    }

    /** The scenario that hung before the fix of the loop's last resort: alone, to check the fix quickly. */
    @Test
    @Timeout(900)
    void anIdleWorkerWhoseHeapIsFullTwentyTimes() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            try {
                new WorkerDeathTest().outOfMemoryWhileIdleIsNamedAtTheNextCall();
                Processes.assertNoDescendants();
            } catch (Exception | AssertionError e) {
                throw new AssertionError("run " + (run + 1) + " of " + RUNS + ": " + e, e);
            }
        }
    }

    interface GrandchildScenario {
        void run(GrandchildTest test) throws Exception;
    }

    private static void grandchild(GrandchildScenario s) throws Exception {
        GrandchildTest test = new GrandchildTest();
        try {
            s.run(test);
        } finally {
            test.nothingLeftRunning();
        }
    }
}
