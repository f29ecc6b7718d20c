package forecastfarm.launcher.farm;

import static forecastfarm.launcher.farm.ConductorRig.TICK_MS;
import static forecastfarm.launcher.farm.ConductorRig.context;
import static forecastfarm.launcher.farm.ConductorRig.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FakeWorker.Move;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cap on an owner's tasks in flight ({@link FarmContext#maxTasksInFlightPerOwner}), tick by tick: never more than
 * the cap dispatched at once, another owner's tasks take the free workers, and the cap frees when a task completes and
 * when a worker dies with the task.
 */
class FarmConductorOwnerCapTest {
    private static final long TASK_MS = 5 * TICK_MS;

    @TempDir
    Path farmDir;

    private ConductorRig rig;

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private static List<TaskSpec> keyed(final String prefix, final int count) {
        return tasks(IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new));
    }

    /** @return how many of the workers run a task now. */
    private int workersBusy(final int workers) {
        int busy = 0;
        for (int slot = 0; slot < workers; slot++) {
            if (!rig.workers.generations(slot).isEmpty()
                    && rig.workers.latest(slot).current() != null) {
                busy++;
            }
        }
        return busy;
    }

    /**
     * Two owners capped at 1 on 2 workers (each worker may queue 2): each has at most 1 task in flight at every tick,
     * and the two run side by side, one on each worker; every task of both finishes, so the cap freed at each
     * completion.
     */
    @Test
    void anOwnerAtItsCapWaitsWhileAnotherOwnerUsesTheFreeWorker() {
        rig = new ConductorRig(
                farmDir, context(2).maxTasksInFlightPerOwner(1), keyed("mine-", 6), task -> Move.FINISH, TASK_MS);
        final JobRun hers = rig.open(
                JobSpec.named("hers").withOwner("alice"), TaskIntake.of(keyed("hers-", 6)), (task, spec, record) -> {});
        int ticksSideBySide = 0;
        int ticks = 0;
        while (!rig.conductor.isDone()) {
            rig.tick();
            ticks++;
            assertTrue(rig.job.ledger.inFlightCount() <= 1, "tick " + ticks + ": " + rig.job.ledger.inFlightCount());
            assertTrue(hers.ledger.inFlightCount() <= 1, "tick " + ticks + ": " + hers.ledger.inFlightCount());
            if (rig.job.ledger.inFlightCount() == 1 && hers.ledger.inFlightCount() == 1 && workersBusy(2) == 2) {
                ticksSideBySide++;
            }
            assertTrue(ticks < 2_000, "the farm did not finish");
        }

        assertEquals(6, rig.job.report.join().ok());
        assertEquals(6, hers.report.join().ok());
        assertTrue(
                ticksSideBySide >= 6 * TASK_MS / TICK_MS,
                "the other owner's task ran on the other worker most of the time: " + ticksSideBySide + " of " + ticks
                        + " ticks");
    }

    /** An owner alone, capped at 1 on 2 workers: its tasks run one at a time and the second worker idles. */
    @Test
    void anOwnerAloneAtItsCapLeavesTheOtherWorkersIdle() {
        rig = new ConductorRig(
                farmDir, context(2).maxTasksInFlightPerOwner(1), keyed("mine-", 4), task -> Move.FINISH, TASK_MS);
        int ticks = 0;
        while (!rig.conductor.isDone()) {
            rig.tick();
            ticks++;
            assertTrue(rig.job.ledger.inFlightCount() <= 1, "tick " + ticks);
            assertTrue(workersBusy(2) <= 1, "tick " + ticks + ": two workers busy");
            assertTrue(ticks < 2_000, "the farm did not finish");
        }
        assertEquals(4, rig.finished.size());
        assertTrue(ticks >= 4 * TASK_MS / TICK_MS, "one task at a time: " + ticks + " ticks");
    }

    /**
     * The worker running the capped owner's only task in flight dies: the task goes back to wait, which frees the cap,
     * and it runs again (attempt 2) while the cap still holds at every tick.
     */
    @Test
    void theCapFreesWhenAWorkerDiesWithTheTask() {
        final WorkerScript dieOnceOnFirst =
                task -> task.key().equals("mine-0") && task.attempt() == 1 ? Move.DIE : Move.FINISH;
        rig = new ConductorRig(
                farmDir, context(2).maxTasksInFlightPerOwner(1), keyed("mine-", 3), dieOnceOnFirst, TASK_MS);
        int ticks = 0;
        while (!rig.conductor.isDone()) {
            rig.tick();
            ticks++;
            assertTrue(rig.job.ledger.inFlightCount() <= 1, "tick " + ticks);
            assertTrue(ticks < 2_000, "the farm did not finish: the cap was not freed by the death");
        }
        assertEquals(List.of(1, 2), rig.workers.attemptsStarted("mine-0"));
        assertEquals(TaskStatus.OK, rig.finished.get("mine-0").status());
        assertEquals(3, rig.job.report.join().ok());
    }

    @Test
    void aCapBelowOneIsRefusedSayingWhy() {
        final IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> context(1)
                        .farmDir(farmDir)
                        .workerClasspath("unused")
                        .maxTasksInFlightPerOwner(0)
                        .conclude());
        assertTrue(refused.getMessage().contains("per owner must be at least 1, got 0"), refused.getMessage());
    }
}
