package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each worker as one SLURM job step inside the current allocation. Made by {@link
 * WorkerLauncher#srun()}; immutable.
 *
 * <p>Worker {@code i} is started as
 * <pre>
 * srun --nodes=1 --ntasks=1 --cpus-per-task=C --exclusive --unbuffered [--nodelist=nodes[i % n]] [srun options] java … OperatorWorker
 * </pre>
 * {@code --unbuffered} is essential: without it slurmstepd holds a task's output until a newline
 * or the task's end, and a binary reply frame would wait forever (seen with Slurm 22.05). srun's
 * own messages go to the worker's stderr, which the parent logs: a step that cannot start because
 * the allocation has no free CPUs says so there ({@code Job step creation temporarily disabled,
 * retrying}), and in the startup timeout's message. Allocate one task per worker.
 * srun forwards the step's stdin and stdout (end of file included) and places the step on the
 * allocation's nodes; {@code --exclusive} gives each step CPUs of its own, so an allocation of
 * {@code --ntasks=N} runs N workers side by side. Run the program inside {@code salloc} or an
 * {@code sbatch} script; outside of one, each srun asks for an allocation of its own (a warning
 * says so once).
 */
public final class SrunLauncher extends WorkerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(SrunLauncher.class);
    private static volatile boolean warnedOutside;

    private final int cpusPerTask;
    private final List<String> nodes;
    private final List<String> srunOptions;
    private final String srunCommand;
    private final Remote remote;

    SrunLauncher() {
        this(1, List.of(), List.of(), "srun", Remote.DEFAULTS);
    }

    private SrunLauncher(int cpusPerTask, List<String> nodes, List<String> srunOptions, String srunCommand, Remote remote) {
        this.cpusPerTask = cpusPerTask;
        this.nodes = nodes;
        this.srunOptions = srunOptions;
        this.srunCommand = srunCommand;
        this.remote = remote;
    }

    /**
     * @param cpus CPUs for each worker's task, at least 1, as {@code srun --cpus-per-task}
     * @return a launcher with this many CPUs per worker
     * @throws IllegalArgumentException if {@code cpus} is less than 1
     */
    public SrunLauncher withCpusPerTask(int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("CPUs per task must be at least 1 but is " + cpus);
        }
        return new SrunLauncher(cpus, nodes, srunOptions, srunCommand, remote);
    }

    /**
     * @param nodeNames nodes of the allocation to assign round-robin ({@code --nodelist}); empty
     *     (the default) lets srun choose. Not modified (copied).
     * @return a launcher with these nodes
     * @throws IllegalArgumentException if the list is null or holds a null or blank name
     */
    public SrunLauncher withNodes(List<String> nodeNames) {
        return new SrunLauncher(cpusPerTask, words(nodeNames, "SLURM nodes", true), srunOptions, srunCommand, remote);
    }

    /**
     * @param options extra arguments of srun, after the launcher's own, e.g. {@code List.of("--mem-per-cpu=2G")}. Not modified (copied).
     * @return a launcher with these options instead of the current ones
     * @throws IllegalArgumentException if the list is null or holds a null or blank word
     */
    public SrunLauncher withSrunOptions(List<String> options) {
        return new SrunLauncher(cpusPerTask, nodes, words(options, "srun options", true), srunCommand, remote);
    }

    /**
     * @param command the srun to run, e.g. {@code /usr/bin/srun}; default {@code srun} from the PATH
     * @return a launcher that runs it
     * @throws IllegalArgumentException if null or blank
     */
    public SrunLauncher withSrunCommand(String command) {
        return new SrunLauncher(cpusPerTask, nodes, srunOptions, requireWord(command, "srun command"), remote);
    }

    /**
     * @param java the {@code java} to run on the nodes; default: this JVM's
     * @return a launcher that runs it
     * @throws IllegalArgumentException if null or blank
     */
    public SrunLauncher withRemoteJava(String java) {
        return new SrunLauncher(cpusPerTask, nodes, srunOptions, srunCommand, remote.withJava(java));
    }

    /**
     * @param classpath the classpath on the nodes; default: this JVM's
     * @return a launcher that uses it
     * @throws IllegalArgumentException if null or blank
     */
    public SrunLauncher withRemoteClasspath(String classpath) {
        return new SrunLauncher(cpusPerTask, nodes, srunOptions, srunCommand, remote.withClasspath(classpath));
    }

    /**
     * @param silence how long an idle worker waits without hearing from the parent before it exits,
     *     at least 1 s; default {@link WorkerLauncher#DEFAULT_IDLE_SILENCE}
     * @return a launcher with this silence
     * @throws IllegalArgumentException if null or shorter than 1 s
     */
    public SrunLauncher withIdleSilence(Duration silence) {
        if (silence == null) {
            throw new IllegalArgumentException("idle silence is null; use withoutIdleSilence() to turn it off");
        }
        return new SrunLauncher(cpusPerTask, nodes, srunOptions, srunCommand, remote.withIdleSilence(silence));
    }

    /** @return a launcher without heartbeats */
    public SrunLauncher withoutIdleSilence() {
        return new SrunLauncher(cpusPerTask, nodes, srunOptions, srunCommand, remote.withIdleSilence(null));
    }

    /** @return the CPUs per worker */
    public int cpusPerTask() {
        return cpusPerTask;
    }

    @Override
    Remote remote() {
        return remote;
    }

    @Override
    List<String> wrap(int index, List<String> java) {
        if (System.getenv("SLURM_JOB_ID") == null && !warnedOutside
                && srunOptions.stream().noneMatch(o -> o.startsWith("--jobid"))) {
            warnedOutside = true;
            LOG.warn("SLURM_JOB_ID is not set: srun runs outside an allocation and asks for one per worker;"
                    + " run inside salloc or sbatch to use one allocation");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(srunCommand);
        cmd.add("--nodes=1");
        cmd.add("--ntasks=1");
        cmd.add("--cpus-per-task=" + cpusPerTask);
        cmd.add("--exclusive");
        cmd.add("--unbuffered");
        if (!nodes.isEmpty()) {
            cmd.add("--nodelist=" + nodes.get(index % nodes.size()));
        }
        cmd.addAll(srunOptions);
        cmd.addAll(java);
        return List.copyOf(cmd);
    }

    @Override
    String location(int index) {
        String job = System.getenv("SLURM_JOB_ID");
        return (nodes.isEmpty() ? "" : " on " + nodes.get(index % nodes.size())) + " (srun"
                + (job == null ? "" : ", job " + job) + ")";
    }

    @Override
    public String toString() {
        return "SrunLauncher[cpusPerTask=" + cpusPerTask + ", nodes=" + (nodes.isEmpty() ? "srun's choice" : nodes)
                + ", srunOptions=" + srunOptions + ", srunCommand=" + srunCommand + ", " + remote + "]";
    }
}
