package forecastfarm.launcher.farm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many workers a farm starts when {@code --workers} is not given: under SLURM, the CPUs the job step was given
 * ({@code SLURM_CPUS_PER_TASK}, set by {@code --cpus-per-task}), not the node's; otherwise the processors this JVM
 * may use ({@link Runtime#availableProcessors()}, which honours the cgroup's CPU limit and affinity).
 */
public final class DefaultWorkers {
    public static final String SLURM_CPUS_PER_TASK = "SLURM_CPUS_PER_TASK";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWorkers.class);

    private DefaultWorkers() {}

    /**
     * @return the default for this process's environment.
     */
    public static int fromEnvironment() {
        return of(System.getenv(SLURM_CPUS_PER_TASK), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param slurmCpusPerTask    the value of SLURM_CPUS_PER_TASK, or null when unset.
     * @param availableProcessors what the JVM sees.
     * @return SLURM_CPUS_PER_TASK when it is a whole number in 1..4096, else availableProcessors (at least 1).
     */
    public static int of(final String slurmCpusPerTask, final int availableProcessors) {
        final int fallback = Math.max(1, availableProcessors);
        if (slurmCpusPerTask == null || slurmCpusPerTask.isBlank()) {
            return fallback;
        }
        try {
            final int cpus = Integer.parseInt(slurmCpusPerTask.strip());
            if (cpus >= 1 && cpus <= 4096) {
                return cpus;
            }
        } catch (final NumberFormatException ignored) {
            // falls through to the warning
        }
        LOG.warn(
                "ignoring {}='{}' (not a CPU count); defaulting to {} workers",
                SLURM_CPUS_PER_TASK,
                slurmCpusPerTask,
                fallback);
        return fallback;
    }
}
