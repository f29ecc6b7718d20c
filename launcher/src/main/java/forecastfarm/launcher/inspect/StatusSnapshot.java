package forecastfarm.launcher.inspect;

import forecastfarm.launcher.farm.JobRegistry;
import forecastfarm.shared.status.CurrentTaskKeys;
import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.JobCounter;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.StatusFileDescriptor;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code farm inspect} shows, read once from the status file (single-word lock-free reads, and the current task
 * keys' sequence-locked records) and the farm dir's manifest; {@link StatusView} prints it.
 *
 * @param jobs                the farm dir's jobs as their files record them, oldest first.
 * @param launcherAlive       whether the launcher's process is alive now.
 * @param launcherHeartbeatMs the launcher's last heartbeat, epoch ms; once it stopped, about when the run ended.
 * @param runStartMs          when this launcher run started, epoch ms.
 * @param farm                the farm counters.
 * @param workers             one row per worker slot.
 * @param progress            the live counters of each job in a job slot, by job id (while the launcher runs).
 */
public record StatusSnapshot(
        Path farmRoot,
        List<JobRegistry.Entry> jobs,
        long launcherPid,
        boolean launcherAlive,
        LauncherState launcherState,
        long launcherHeartbeatMs,
        long runStartMs,
        int resultsGeneration,
        Map<FarmCounter, Long> farm,
        List<WorkerRow> workers,
        Map<String, Map<JobCounter, Long>> progress) {

    /**
     * One worker slot.
     *
     * @param taskId      the task it runs, or {@link WorkerCounter#NO_TASK}.
     * @param taskKey     that task's key (the series id), or null when not known (published by a worker of an
     *                    earlier version, or changing while read).
     * @param taskStartMs when that task started, epoch ms.
     */
    public record WorkerRow(
            int slot,
            long pid,
            long generation,
            WorkerState state,
            long heartbeatMs,
            long tasksDone,
            long tasksFailed,
            long taskId,
            String taskKey,
            long taskStartMs) {}

    /**
     * Reads the snapshot.
     */
    public static StatusSnapshot read(
            final StatusFile status, final Path farmRoot, final List<JobRegistry.Entry> jobs) {
        final long pid = status.launcherPid();
        final boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        final Map<FarmCounter, Long> farm = new EnumMap<>(FarmCounter.class);
        for (final FarmCounter counter : FarmCounter.values()) {
            farm.put(counter, status.farmValue(counter));
        }
        final List<WorkerRow> workers = new ArrayList<>(status.workerSlots());
        for (int slot = 0; slot < status.workerSlots(); slot++) {
            workers.add(worker(status, slot));
        }
        final Map<String, Map<JobCounter, Long>> progress = new HashMap<>();
        for (int slot = 0; slot < StatusFileDescriptor.JOB_SLOTS; slot++) {
            final String id = status.jobIds().read(slot);
            if (id != null) {
                final Map<JobCounter, Long> counts = new EnumMap<>(JobCounter.class);
                for (final JobCounter counter : JobCounter.values()) {
                    counts.put(counter, status.jobValue(slot, counter));
                }
                progress.put(id, counts);
            }
        }
        return new StatusSnapshot(
                farmRoot,
                jobs,
                pid,
                alive,
                status.launcherState(),
                status.launcherHeartbeatMs(),
                status.runStartMs(),
                status.resultsGeneration(),
                farm,
                workers,
                progress);
    }

    private static WorkerRow worker(final StatusFile status, final int slot) {
        final long taskId = status.workerValue(slot, WorkerCounter.TASK_ID);
        final long taskStartMs = status.workerValue(slot, WorkerCounter.TASK_START_MS);
        String key = null;
        if (taskId != WorkerCounter.NO_TASK) {
            // the worker writes the key before the task id; a key of another task means the worker moved on
            // between the two reads, and this view shows the task id alone
            final CurrentTaskKeys.CurrentTask current = status.taskKeys().read(slot);
            if (current != null && current.taskId() == taskId) {
                key = current.key();
            }
        }
        return new WorkerRow(
                slot,
                status.workerValue(slot, WorkerCounter.PID),
                status.workerValue(slot, WorkerCounter.GENERATION),
                WorkerState.of(status.workerValue(slot, WorkerCounter.STATE)),
                status.workerValue(slot, WorkerCounter.HEARTBEAT_MS),
                status.workerValue(slot, WorkerCounter.TASKS_DONE),
                status.workerValue(slot, WorkerCounter.TASKS_FAILED),
                taskId,
                key,
                taskStartMs);
    }

    /**
     * @return the counter's value (0 when absent).
     */
    public long count(final FarmCounter counter) {
        return farm.getOrDefault(counter, 0L);
    }

    /**
     * @return whether the launcher is alive and has not finished.
     */
    public boolean running() {
        return launcherAlive && launcherState != LauncherState.FINISHED;
    }
}
