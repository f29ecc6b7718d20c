package forecastfarm.launcher.farm;

import static forecastfarm.launcher.farm.ConductorRig.TICK_MS;
import static forecastfarm.launcher.farm.ConductorRig.context;
import static forecastfarm.launcher.farm.ConductorRig.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FakeWorker.Move;
import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many jobs on one conductor, tick by tick: results keyed by (job, key), round-robin across owners then jobs,
 * priorities, cancelling one job, and an ended job leaving the conductor.
 */
class FarmConductorJobsTest {
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

    /** What one job's listener heard, in completion order. */
    private static final class Heard implements FarmListener {
        final Map<String, ResultRecord> results = new LinkedHashMap<>();

        @Override
        public void onTaskFinished(final int task, final TaskSpec spec, final ResultRecord record) {
            if (results.put(spec.key(), record) != null) {
                throw new AssertionError(spec.key() + " reported twice");
            }
        }
    }

    private static List<TaskSpec> keyed(final String prefix, final int count) {
        return tasks(IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new));
    }

    /** Two jobs both have AAPL, with different payloads: each gets its own result under its own id. */
    @Test
    void twoJobsWithTheSameKeyEachGetTheirOwnResult() {
        rig = new ConductorRig(farmDir, context(2), tasks("AAPL", "MSFT"), task -> Move.FINISH, TASK_MS);
        final Heard other = new Heard();
        final JobRun second = rig.open(
                JobSpec.named("other-job"),
                TaskIntake.of(List.of(new TaskSpec("AAPL", "fake", new byte[] {7}))),
                other);

        rig.runToEnd();

        assertEquals(List.of("AAPL", "MSFT"), List.copyOf(new java.util.TreeSet<>(rig.finished.keySet())));
        assertEquals(List.of("AAPL"), List.copyOf(other.results.keySet()));
        rig.store.flush();
        final byte[] first = rig.store.get(ResultKey.of(ConductorRig.JOB, "AAPL"));
        final byte[] theirs = rig.store.get(ResultKey.of("other-job", "AAPL"));
        assertTrue(first != null && theirs != null, "both jobs' AAPL are stored");
        assertNotEquals(rig.finished.get("AAPL"), other.results.get("AAPL"), "two results, not one shared");
        assertEquals(1, second.report.join().ok());
        assertEquals(2, rig.job.report.join().ok());
    }

    /**
     * A small job of another owner, opened while a big one is running, gets every other task dispatched: all its
     * tasks finish long before the big job's.
     */
    @Test
    void aSmallJobOfAnotherOwnerIsNotStuckBehindABigOne() {
        rig = new ConductorRig(farmDir, context(1), keyed("big-", 60), task -> Move.FINISH, TASK_MS);
        rig.runUntil("the big job to be under way", () -> rig.finished.size() >= 5);
        final Heard small = new Heard();
        final JobRun smallJob =
                rig.open(JobSpec.named("small").withOwner("alice"), TaskIntake.of(keyed("small-", 4)), small);

        rig.runUntil("the small job to end", () -> smallJob.report.isDone());
        final int bigDoneMeanwhile = rig.finished.size() - 5;

        assertEquals(4, small.results.size());
        assertTrue(
                bigDoneMeanwhile <= 4 + 2 + 2,
                "round-robin: about one big task per small one (plus those queued ahead), was " + bigDoneMeanwhile);
        rig.runToEnd();
        assertEquals(60, rig.finished.size());
    }

    /** Within one owner, the job of the higher priority goes first; the same priority alternates. */
    @Test
    void withinAnOwnerTheHigherPriorityJobGoesFirst() {
        rig = new ConductorRig(farmDir, context(1), List.of(), task -> Move.FINISH, TASK_MS);
        final Heard low = new Heard();
        final Heard high = new Heard();
        final List<String> order = new ArrayList<>();
        final FarmListener lowOrder = (task, spec, record) -> order.add(spec.key());
        rig.open(JobSpec.named("low").withOwner("bob"), TaskIntake.of(keyed("low-", 6)), both(low, lowOrder));
        rig.open(
                JobSpec.named("high").withOwner("bob").withPriority(5),
                TaskIntake.of(keyed("high-", 6)),
                both(high, lowOrder));

        rig.runToEnd();

        final int lastHigh = order.lastIndexOf("high-5");
        final long lowBeforeLastHigh = order.subList(0, lastHigh).stream()
                .filter(k -> k.startsWith("low-"))
                .count();
        assertTrue(lowBeforeLastHigh <= 2, "at most the tasks dispatched before high opened: " + order);
        assertEquals(6, low.results.size());
        assertEquals(6, high.results.size());
    }

    /** Cancelling a job: its waiting tasks never run, the running one finishes, the other job is untouched. */
    @Test
    void aCancelledJobEndsWithItsRunningTasksAndLeavesTheOthersAlone() {
        rig = new ConductorRig(farmDir, context(1), keyed("keep-", 6), task -> Move.FINISH, TASK_MS);
        final Heard doomed = new Heard();
        final JobRun job = rig.open(JobSpec.named("doomed").withOwner("carol"), TaskIntake.of(keyed("d-", 20)), doomed);
        rig.runUntil("the doomed job to have a result", () -> !doomed.results.isEmpty());

        rig.conductor.offer(new FarmEvent.CancelJob(job, "cancelled by the test"));
        rig.runUntil("the doomed job to end", () -> job.report.isDone());

        final FarmReport report = job.report.join();
        assertEquals("cancelled by the test", report.interruptedBy());
        assertFalse(report.complete());
        assertTrue(doomed.results.size() < 20, "its waiting tasks did not run: " + doomed.results.size());
        assertTrue(job.intake.isCancelled());
        rig.runToEnd();
        assertEquals(6, rig.finished.size(), "the other job ran to its end");
        assertNull(rig.job.report.join().interruptedBy());
        for (final Entry<String, ResultRecord> e : doomed.results.entrySet()) {
            assertEquals(TaskStatus.OK, e.getValue().status(), e.getKey());
        }
    }

    /** Each alive job has a job slot in the status file with its live counts; an ended job gives it back. */
    @Test
    void eachAliveJobShowsItsProgressInTheStatusFileUntilItEnds() {
        rig = new ConductorRig(farmDir, context(1), keyed("a-", 30), task -> Move.FINISH, TASK_MS);
        final JobRun other = rig.open(JobSpec.named("other"), TaskIntake.of(keyed("b-", 3)), new Heard());
        rig.runUntil("some results of the first job", () -> rig.finished.size() >= 6);

        assertEquals(ConductorRig.JOB, rig.status.jobIds().read(0));
        final long done = rig.status.jobValue(0, forecastfarm.shared.status.JobCounter.DONE);
        assertTrue(done >= 6 && done <= rig.finished.size(), "done " + done);
        assertEquals(30, rig.status.jobValue(0, forecastfarm.shared.status.JobCounter.SUBMITTED));
        rig.runUntil("the other job to end", () -> other.report.isDone());
        rig.tick();
        assertNull(rig.status.jobIds().read(1), "the ended job's slot is free");
        assertEquals(0, rig.status.jobValue(1, forecastfarm.shared.status.JobCounter.DONE));

        rig.runToEnd();
        assertNull(rig.status.jobIds().read(0));
    }

    /** Two tasks on two idle workers go one to each, not both to the first worker's queue. */
    @Test
    void aSmallJobSpreadsOverTheWorkers() {
        rig = new ConductorRig(farmDir, context(2), tasks("a", "b"), task -> Move.FINISH, TASK_MS);
        rig.runToEnd();
        assertEquals(1, rig.keysSentTo(0, 1).size(), "worker 0: " + rig.keysSentTo(0, 1));
        assertEquals(1, rig.keysSentTo(1, 1).size(), "worker 1: " + rig.keysSentTo(1, 1));
    }

    private static FarmListener both(final FarmListener a, final FarmListener b) {
        return (task, spec, record) -> {
            a.onTaskFinished(task, spec, record);
            b.onTaskFinished(task, spec, record);
        };
    }
}
