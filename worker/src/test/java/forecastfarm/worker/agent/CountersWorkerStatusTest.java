package forecastfarm.worker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.status.CurrentTaskKeys;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's status writes, read back through a second mapping as the launcher would. */
class CountersWorkerStatusTest {

    @TempDir
    Path dir;

    @Test
    void publishesTaskLifecycleInItsOwnSlot() {
        Path file = dir.resolve("status.dat");
        try (StatusFile launcher = StatusFile.create(file, 2, 1, 1, 1_000);
                StatusFile workerView = StatusFile.open(file)) {
            CountersWorkerStatus worker = new CountersWorkerStatus(workerView, 1);
            worker.state(WorkerState.READY);
            assertEquals(WorkerState.READY, WorkerState.of(launcher.workerValue(1, WorkerCounter.STATE)));

            worker.taskStarted(42, "MMM", 5_000);
            assertEquals(42, launcher.workerValue(1, WorkerCounter.TASK_ID));
            assertEquals(
                    new CurrentTaskKeys.CurrentTask(42, "MMM"),
                    launcher.taskKeys().read(1));
            assertEquals(5_000, launcher.workerValue(1, WorkerCounter.TASK_START_MS));
            assertEquals(WorkerState.BUSY, WorkerState.of(launcher.workerValue(1, WorkerCounter.STATE)));

            worker.taskFinished(false);
            worker.taskStarted(43, "AAPL", 6_000);
            worker.taskFinished(true);
            assertEquals(WorkerCounter.NO_TASK, launcher.workerValue(1, WorkerCounter.TASK_ID));
            assertEquals(WorkerState.READY, WorkerState.of(launcher.workerValue(1, WorkerCounter.STATE)));
            assertEquals(2, launcher.workerValue(1, WorkerCounter.TASKS_DONE));
            assertEquals(1, launcher.workerValue(1, WorkerCounter.TASKS_FAILED));
            assertEquals(2, worker.tasksDone());
            // slot 0 untouched
            assertEquals(WorkerCounter.NO_TASK, launcher.workerValue(0, WorkerCounter.TASK_ID));
            assertEquals(0, launcher.workerValue(0, WorkerCounter.TASKS_DONE));

            assertFalse(worker.drainRequested());
            launcher.workerCounter(0, WorkerCounter.COMMAND).set(WorkerCounter.COMMAND_DRAIN);
            assertFalse(worker.drainRequested(), "another slot's command");
            launcher.workerCounter(1, WorkerCounter.COMMAND).set(WorkerCounter.COMMAND_DRAIN);
            assertTrue(worker.drainRequested());
        }
    }
}
