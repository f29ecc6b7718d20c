package forecastfarm.launcher.farm;

import static forecastfarm.launcher.farm.ConductorRig.TICK_MS;
import static forecastfarm.launcher.farm.ConductorRig.context;
import static forecastfarm.launcher.farm.ConductorRig.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FakeWorker.Move;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conductor's supervision, driven tick by tick: a settable clock, in-thread fake workers that speak the real
 * status file and queues, and the real results map. No process is started and nothing sleeps.
 */
class FarmConductorTest {
    private static final long TASK_MS = 5 * TICK_MS;
    private static final String CRASH_CAUSE = "killed by signal 6 (SIGABRT)";

    @TempDir
    Path farmDir;

    private ConductorRig rig;

    private ConductorRig rig(final FarmContext ctx, final List<TaskSpec> tasks, final WorkerScript script) {
        rig = new ConductorRig(farmDir, ctx, tasks, script, TASK_MS);
        return rig;
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    /** A script where the task with this key gets this move on its first attempt, and every other run finishes. */
    private static WorkerScript onFirstAttempt(final String key, final Move move) {
        return task -> task.key().equals(key) && task.attempt() == 1 ? move : Move.FINISH;
    }

    private static void assertOk(final ConductorRig rig, final String key, final int attempts) {
        final ResultRecord record = rig.finished.get(key);
        assertNotNull(record, key + " finished");
        assertEquals(TaskStatus.OK, record.status(), key);
        assertEquals(attempts, record.attempts(), key + " attempts");
    }

    /**
     * A worker that dies running a task: that task is charged one attempt and runs again on a restarted worker; the
     * task only queued behind it on the dead worker goes back free of charge; the results map holds the rerun.
     */
    @Test
    void workerDeathRerunsItsTaskOnARestartedWorkerAndRequeuesQueuedTasksFree() {
        final ConductorRig rig = rig(context(1), tasks("a", "b", "c", "d"), onFirstAttempt("a", Move.DIE));

        rig.runToEnd();

        assertEquals(List.of("a", "b"), rig.keysSentTo(0, 1), "the first worker held a (running) and b (queued)");
        assertEquals(List.of(1, 2), rig.workers.attemptsStarted("a"));
        assertEquals(
                List.of(1), rig.workers.attemptsStarted("b"), "b started once, as attempt 1: its requeue was free");
        assertOk(rig, "a", 2);
        assertOk(rig, "b", 1);
        assertOk(rig, "c", 1);
        assertOk(rig, "d", 1);
        assertEquals(CRASH_CAUSE, rig.ledger.cause(0));
        assertEquals(1, rig.ledger.retryCount(), "only the running task was charged");
        assertEquals(1, rig.conductor.workerRestarts());
        assertEquals(2, rig.workers.generations(0).size());
        final ResultRecord stored = rig.stored("a");
        assertEquals(TaskStatus.OK, stored.status());
        assertEquals(2, stored.workerGeneration(), "the rerun's result is the one stored");
        assertEquals("a#2", new String(stored.payload(), StandardCharsets.UTF_8));
        assertNull(rig.conductor.abortReason());
    }

    /** A worker whose heartbeat is older than the heartbeat timeout is killed and replaced, and its task rerun. */
    @Test
    void hungWorkerIsKilledAfterTheHeartbeatTimeoutAndItsTaskRerun() {
        final FarmContext ctx = context(1).heartbeatTimeoutMs(1_000);
        final ConductorRig rig = rig(ctx, tasks("a", "b"), onFirstAttempt("a", Move.HANG));

        rig.runToEnd();

        final FakeWorker hung = rig.workers.generations(0).get(0);
        assertTrue(hung.handle().wasKilled(), "the hung worker was killed");
        final long silentMs = hung.handle().killedAtMs() - hung.lastHeartbeatMs();
        assertTrue(silentMs > 1_000, "not killed before the timeout: silent " + silentMs + " ms");
        assertTrue(silentMs <= 1_000 + 2 * TICK_MS, "killed soon after the timeout: silent " + silentMs + " ms");
        assertTrue(rig.ledger.cause(0).startsWith("hung: no heartbeat"), rig.ledger.cause(0));
        assertEquals(List.of(1, 2), rig.workers.attemptsStarted("a"));
        assertOk(rig, "a", 2);
        assertOk(rig, "b", 1);
        assertEquals(1, rig.conductor.workerRestarts());
        assertFalse(rig.workers.latest(0).handle().wasKilled(), "the replacement was left alone");
    }

    /** A task running past the task timeout, on a worker that still heartbeats: the worker is killed, attempt charged. */
    @Test
    void taskPastTheTaskTimeoutGetsItsWorkerKilledAndAnAttemptCharged() {
        final FarmContext ctx = context(1).taskTimeoutMs(2_000).heartbeatTimeoutMs(1_000);
        final ConductorRig rig = rig(ctx, tasks("slow", "b"), onFirstAttempt("slow", Move.OVERRUN));

        rig.runUntilBusy(0);
        final FakeWorker overrunning = rig.workers.latest(0);
        final long taskStartMs = overrunning.currentStartMs();
        rig.runToEnd();

        assertTrue(overrunning.handle().wasKilled(), "the worker running the slow task was killed");
        final long ranMs = overrunning.handle().killedAtMs() - taskStartMs;
        assertTrue(ranMs > 2_000 && ranMs <= 2_000 + 2 * TICK_MS, "killed just past the timeout: ran " + ranMs + " ms");
        assertTrue(rig.ledger.cause(0).startsWith("timeout: task ran longer than 2.0 s"), rig.ledger.cause(0));
        assertEquals(1, rig.ledger.retryCount());
        assertOk(rig, "slow", 2);
        assertOk(rig, "b", 1);
        assertEquals(1, rig.conductor.workerRestarts());
    }

    /**
     * A task whose worker dies max-attempts times is POISONED with the cause, in the listener and the results map;
     * the rest of the batch finishes, and deaths a task explains never trip the crash-loop breaker.
     */
    @Test
    void taskWhoseWorkerDiesMaxAttemptsTimesIsPoisonedAndTheRestFinish() {
        final FarmContext ctx = context(1).maxAttempts(3).crashLoopLimit(2);
        final WorkerScript script = task -> task.key().equals("bad") ? Move.DIE : Move.FINISH;
        final ConductorRig rig = rig(ctx, tasks("ok0", "bad", "ok1", "ok2"), script);

        rig.runToEnd();

        assertEquals(List.of(1, 2, 3), rig.workers.attemptsStarted("bad"));
        final ResultRecord poisoned = rig.finished.get("bad");
        assertNotNull(poisoned, "bad was reported finished");
        assertEquals(TaskStatus.POISONED, poisoned.status());
        assertEquals(3, poisoned.attempts());
        assertEquals("poisoned: the worker running it died 3 times; last: " + CRASH_CAUSE, poisoned.reason());
        final ResultRecord stored = rig.stored("bad");
        assertEquals(TaskStatus.POISONED, stored.status());
        assertEquals(poisoned.reason(), stored.reason());
        assertOk(rig, "ok0", 1);
        assertOk(rig, "ok1", 1);
        assertOk(rig, "ok2", 1);
        assertEquals(TaskStatus.OK, rig.stored("ok2").status());
        assertEquals(1, rig.ledger.poisonedCount());
        assertEquals(3, rig.conductor.workerRestarts());
        assertNull(rig.conductor.abortReason());
    }

    /**
     * A shutdown signal drains: nothing more is dispatched, the running task finishes, the queued one is left
     * pending without an attempt, no worker is restarted, and the report says which signal interrupted the run.
     */
    @Test
    void shutdownSignalDrainsLettingTheRunningTaskFinish() {
        final ConductorRig rig = rig(context(1), tasks("a", "b", "c", "d"), WorkerScript.HEALTHY);
        rig.runUntilBusy(0);

        rig.conductor.offer(new FarmEvent.ShutdownSignal("TERM"));
        rig.runToEnd();

        assertEquals(Set.of("a"), rig.finished.keySet(), "only the running task finished");
        assertOk(rig, "a", 1);
        assertEquals(List.of("a", "b"), rig.keysSentTo(0, 1), "nothing dispatched after the signal");
        assertEquals(0, rig.ledger.attempts(1), "the queued task was not charged");
        assertEquals(1, rig.workers.generations(0).size(), "no worker started while draining");
        assertFalse(rig.workers.latest(0).handle().wasKilled(), "the worker was let finish");
        assertEquals("SIGTERM", rig.conductor.interruptedBy());
        assertEquals(LauncherState.DRAINING, rig.status.launcherState());
        assertTrue(rig.intake.isCancelled());
    }

    /** A second signal while draining kills the running worker at once, without waiting for the drain grace. */
    @Test
    void secondShutdownSignalKillsAtOnce() {
        final ConductorRig rig =
                rig(context(1).drainGraceMs(60_000), tasks("endless", "b"), onFirstAttempt("endless", Move.OVERRUN));
        rig.runUntilBusy(0);
        final FakeWorker worker = rig.workers.latest(0);

        rig.conductor.offer(new FarmEvent.ShutdownSignal("TERM"));
        for (int i = 0; i < 20; i++) {
            rig.tick();
        }
        assertFalse(worker.handle().wasKilled(), "the first signal lets the running task go on");
        assertFalse(rig.conductor.isDone());

        rig.conductor.offer(new FarmEvent.ShutdownSignal("INT"));
        final long secondSignalMs = rig.clock.time() + TICK_MS;
        rig.tick();
        assertEquals(secondSignalMs, worker.handle().killedAtMs(), "killed in the cycle that took the signal");
        rig.tick();

        assertTrue(rig.conductor.isDone());
        assertEquals("SIGTERM", rig.conductor.interruptedBy(), "the first signal is the one reported");
        assertEquals("stopped by a second SIGINT", rig.ledger.cause(0));
        assertTrue(rig.finished.isEmpty());
        assertEquals(1, rig.workers.generations(0).size(), "no worker restarted");
    }

    /**
     * A slot whose worker keeps dying at start is disabled after the crash-loop limit and never started again, while
     * the healthy slot finishes every task, including those handed to the crashing slot (put back free of charge).
     */
    @Test
    void crashLoopingSlotIsDisabledAndTheOtherSlotFinishesTheBatch() {
        final WorkerScript script = WorkerScript.HEALTHY.crashingAtStartOnSlot(0);
        final List<TaskSpec> batch = tasks("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
        final ConductorRig rig = rig(context(2).crashLoopLimit(3), batch, script);

        rig.runToEnd();

        assertEquals(3, rig.workers.generations(0).size(), "slot 0 started exactly crash-loop-limit times");
        assertEquals(1, rig.workers.generations(1).size());
        assertTrue(rig.keysSentTo(0, 1).size() > 0, "the crashing slot was handed tasks");
        for (final TaskSpec task : batch) {
            assertOk(rig, task.key(), 1);
            assertEquals(1, rig.finished.get(task.key()).workerSlot(), task.key() + " ran on the healthy slot");
        }
        assertEquals(0, rig.ledger.retryCount());
        assertEquals(2, rig.conductor.workerRestarts());
        assertNull(rig.conductor.abortReason());
    }

    /** When every slot's breaker is open the farm aborts with a reason instead of waiting forever. */
    @Test
    void crashLoopOnEverySlotAbortsTheFarm() {
        final WorkerScript script =
                WorkerScript.HEALTHY.crashingAtStartOnSlot(0).crashingAtStartOnSlot(1);
        final ConductorRig rig = rig(context(2).crashLoopLimit(3), tasks("a", "b", "c"), script);

        rig.runToEnd();

        final String reason = rig.conductor.abortReason();
        assertNotNull(reason, "the farm aborted");
        assertTrue(reason.startsWith("every worker slot keeps crashing at start"), reason);
        assertEquals(3, rig.workers.generations(0).size());
        assertEquals(3, rig.workers.generations(1).size());
        assertTrue(rig.finished.isEmpty());
        for (int task = 0; task < 3; task++) {
            assertEquals(0, rig.ledger.attempts(task), "a worker that never ran a task charges none");
        }
        assertTrue(rig.intake.isCancelled());
    }

    /** A recycled worker's queues are deleted once its results are in the map; the farm goes on with the next. */
    @Test
    void aRecycledWorkersQueuesAreDeletedAndItsTasksAreAllReported() {
        final ConductorRig rig = rig(context(1), tasks("a", "b", "c", "d"), onFirstAttempt("b", Move.RECYCLE));

        rig.runToEnd();

        for (final String key : List.of("a", "b", "c", "d")) {
            assertOk(rig, key, 1);
        }
        assertFalse(rig.queueExists(0, 1), "generation 1 was recycled: its queues are gone");
        assertTrue(rig.queueExists(0, 2), "generation 2 stopped with the farm: the run's end deletes its queues");
        assertEquals(1, rig.conductor.workerRestarts(), "one restart, the recycle");
    }
}
