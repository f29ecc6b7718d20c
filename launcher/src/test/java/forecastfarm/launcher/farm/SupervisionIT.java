package forecastfarm.launcher.farm;

import static forecastfarm.launcher.farm.FarmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker processes, really killed, stopped and crashed, with the launcher in this JVM.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SupervisionIT {
    private static final JobSpec JOB = JobSpec.named("supervision-it");

    @TempDir
    Path tmp;

    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

    private CompletableFuture<FarmReport> runAsync(final FarmContext ctx, final List<TaskSpec> tasks) {
        return CompletableFuture.supplyAsync(() -> Farm.run(
                ctx,
                tasks,
                JOB,
                sizing(tasks.size()),
                (task, spec, record) -> deliveries.merge(spec.key(), 1, Integer::sum),
                false));
    }

    private Map<String, ResultRecord> results(final Path farmDir, final List<TaskSpec> tasks) {
        final Map<String, ResultRecord> results = new ConcurrentHashMap<>();
        try (ResultReader reader = ResultReader.open(new FarmDirectory(farmDir)).orElseThrow()) {
            for (final TaskSpec task : tasks) {
                reader.get(JOB.id(), task.key()).ifPresent(record -> results.put(task.key(), record));
            }
            assertEquals(tasks.size(), reader.size(), "the map holds exactly the tasks' keys");
        }
        return results;
    }

    @Test
    void killMinus9OfABusyWorkerLosesAndDuplicatesNothing() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(60, "sleep:40");
        final CompletableFuture<FarmReport> run = runAsync(context(farmDir, 2), tasks);
        final long victim = busyWorkerPid(farmDir, 60_000);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        final FarmReport report = run.get(120, TimeUnit.SECONDS);
        assertEquals(60, report.ok());
        assertEquals(0, report.poisoned());
        assertTrue(report.workerRestarts() >= 1, "the killed worker was replaced");
        assertEquals(60, deliveries.size());
        deliveries.forEach((key, times) -> assertEquals(1, times, key + " delivered once"));
        results(farmDir, tasks).forEach((key, record) -> assertEquals(TaskStatus.OK, record.status(), key));
    }

    /**
     * Ctrl-C and SLURM signal every process, workers included: a worker leaves its life to the launcher, so the task
     * it runs finishes and nothing is run twice.
     */
    @Test
    void sigtermAndSigintToABusyWorkerAreLeftToTheLauncher() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(12, "sleep:300");
        final CompletableFuture<FarmReport> run = runAsync(context(farmDir, 2), tasks);
        final long victim = busyWorkerPid(farmDir, 60_000);
        signal(victim, "TERM");
        signal(victim, "INT");

        final FarmReport report = run.get(120, TimeUnit.SECONDS);
        assertEquals(12, report.ok());
        assertEquals(0, report.retries(), "no task was lost to the signals");
        assertEquals(0, report.workerRestarts(), "the signalled worker lived on");
    }

    @Test
    void aStoppedWorkerIsDetectedKilledAndItsTaskRerun() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(16, "sleep:400");
        final CompletableFuture<FarmReport> run = runAsync(context(farmDir, 2).heartbeatTimeoutMs(1_500), tasks);
        final long victim = busyWorkerPid(farmDir, 60_000);
        signal(victim, "STOP");

        final FarmReport report = run.get(120, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false), "stopped worker was killed");
        assertEquals(16, report.ok());
        assertTrue(report.retries() >= 1, "the task it held was run again");
        assertTrue(report.workerRestarts() >= 1);
        results(farmDir, tasks).values().forEach(record -> assertEquals(TaskStatus.OK, record.status()));
    }

    @Test
    void tasksThatKillTheirJvmArePoisonedAfterMaxAttemptsWhileOthersSucceed() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = new ArrayList<>(tasks(12, "sleep:5"));
        tasks.add(task("halts", "halt:13"));
        tasks.add(task("ooms", "oom"));
        tasks.add(task("overflows", "soe"));
        tasks.add(task("throws", "throw"));

        final FarmReport report =
                runAsync(context(farmDir, 2).maxAttempts(3), tasks).get(150, TimeUnit.SECONDS);
        assertEquals(12, report.ok());
        assertEquals(1, report.failed(), "an exception fails only its task, without retries");
        assertEquals(3, report.poisoned());
        final Map<String, ResultRecord> results = results(farmDir, tasks);
        assertPoisoned(results.get("halts"), "exit code 13");
        assertPoisoned(results.get("ooms"), "OutOfMemoryError");
        assertPoisoned(results.get("overflows"), "StackOverflowError");
        assertEquals(TaskStatus.FAILED, results.get("throws").status());
        assertTrue(
                results.get("throws").reason().contains("failed on purpose"),
                results.get("throws").reason());
    }

    private static void assertPoisoned(final ResultRecord record, final String cause) {
        assertEquals(TaskStatus.POISONED, record.status(), record.reason());
        assertEquals(3, record.attempts());
        assertTrue(record.reason().contains(cause), record.reason());
    }

    @Test
    void aTaskPastTheTimeoutIsKilledAndPoisoned() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = new ArrayList<>(tasks(10, "sleep:5"));
        tasks.add(task("hangs", "hang"));

        final FarmReport report = runAsync(
                        context(farmDir, 2).taskTimeoutMs(1_000).maxAttempts(2), tasks)
                .get(120, TimeUnit.SECONDS);
        assertEquals(10, report.ok());
        assertEquals(1, report.poisoned());
        final ResultRecord hung = results(farmDir, tasks).get("hangs");
        assertEquals(2, hung.attempts());
        assertTrue(hung.reason().contains("timeout"), hung.reason());
    }

    @Test
    void aReaderKilledInsideAMapReadDoesNotBlockTheFarm() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(160, "sleep:80");
        final CompletableFuture<FarmReport> run = runAsync(context(farmDir, 2).stuckMapWriteMs(500), tasks);
        busyWorkerPid(farmDir, 60_000);
        // A reader killed inside an iteration leaves a segment locked: the launcher's later puts to it would block.
        await("a first result", 60_000, () -> deliveries.containsKey("t0"));
        final Process holder =
                startJava(tmp.resolve("holder.log"), HoldReadLockMain.class.getName(), farmDir.toString());
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertTrue(java.nio.file.Files.readString(tmp.resolve("holder.log")).contains("LOCKED"));
        assertTrue(deliveries.size() < 150, "most keys are still to be written, so the test means something");

        final FarmReport report = run.get(150, TimeUnit.SECONDS);
        assertEquals(160, report.ok());
        assertTrue(report.mapRotations() >= 1, "the launcher moved to a new map generation");
        results(farmDir, tasks).values().forEach(record -> assertEquals(TaskStatus.OK, record.status()));
    }

    @Test
    void workersAreRecycledAfterMaxTasksWithoutChargingAnyTask() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(24, "sleep:5");
        final FarmReport report =
                runAsync(context(farmDir, 2).maxTasksPerWorker(5), tasks).get(150, TimeUnit.SECONDS);
        assertEquals(24, report.ok());
        assertEquals(0, report.retries(), "a recycle is planned: nothing is charged");
        assertTrue(report.workerRestarts() >= 3, "24 tasks at 5 per worker generation need several generations");
        deliveries.forEach((key, times) -> assertEquals(1, times, key + " delivered once"));
    }

    @Test
    void workersPastTheRssLimitAreRecycledAfterTheirTaskWithoutChargingAnyTask() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final List<TaskSpec> tasks = tasks(24, "sleep:5");
        // every JVM's resident set is far past 1 MB: each worker generation runs one task, then is recycled
        final FarmReport report =
                runAsync(context(farmDir, 2).maxWorkerRssBytes(1L << 20), tasks).get(150, TimeUnit.SECONDS);
        assertEquals(24, report.ok());
        assertEquals(0, report.failed() + report.poisoned());
        assertNull(report.abortReason(), "recycles are no crash loop");
        assertEquals(0, report.retries(), "a recycle is planned: nothing is charged");
        assertTrue(report.workerRestarts() >= 20, "about one generation per task: " + report.workerRestarts());
        deliveries.forEach((key, times) -> assertEquals(1, times, key + " delivered once"));
        assertEquals(24, deliveries.size());
        final Map<String, ResultRecord> results = results(farmDir, tasks);
        final java.util.Set<String> generations = new java.util.HashSet<>();
        for (final ResultRecord record : results.values()) {
            assertEquals(TaskStatus.OK, record.status());
            assertEquals(1, record.attempts(), "run once: a recycle is not a crash");
            assertTrue(
                    generations.add(record.workerSlot() + "/" + record.workerGeneration()),
                    "one task per worker generation: " + record.workerSlot() + "/" + record.workerGeneration());
        }
    }

    @Test
    void realInspectorsKilledWhileTheFarmRunsDoNotDisturbIt() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        // 300 tasks of 40 ms on 2 workers: at least 6 s, well beyond the 4 inspectors' 3.3 s below
        final List<TaskSpec> tasks = tasks(300, "sleep:40");
        final CompletableFuture<FarmReport> run = runAsync(context(farmDir, 2), tasks);
        busyWorkerPid(farmDir, 60_000);
        final java.util.Random random = new java.util.Random(42);
        int killedWhileTheFarmRan = 0;
        for (int i = 0; i < 4; i++) {
            final String[] args = i % 2 == 0
                    ? new String[] {"inspect", "--farm-dir", farmDir.toString(), "--id", "t0"}
                    : new String[] {"inspect", "--farm-dir", farmDir.toString()};
            final Process inspector = startJava(
                    tmp.resolve("inspect-" + i + ".log"), forecastfarm.launcher.FarmCli.class.getName(), args);
            Thread.sleep(300 + random.nextInt(900));
            killedWhileTheFarmRan += run.isDone() ? 0 : 1;
            inspector.destroyForcibly();
            assertTrue(inspector.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(
                4, killedWhileTheFarmRan, "every inspector was killed while the farm ran, or the test proves nothing");
        // inspectors left to finish still read the farm: the status and a result from the map
        final String status = inspectToTheEnd("status", "inspect", "--farm-dir", farmDir.toString());
        assertTrue(status.contains("farm " + farmDir), status);
        assertTrue(status.contains("launcher pid " + ProcessHandle.current().pid() + ": alive"), status);
        final String t0 = inspectToTheEnd("t0", "inspect", "--farm-dir", farmDir.toString(), "--id", "t0");
        assertTrue(t0.contains("t0: OK, attempts 1"), t0);

        final FarmReport report = run.get(150, TimeUnit.SECONDS);
        assertEquals(300, report.ok());
        assertEquals(0, report.workerRestarts());
        results(farmDir, tasks).values().forEach(record -> assertEquals(TaskStatus.OK, record.status()));
    }

    /**
     * @return what {@code farm inspect} printed, having checked that it succeeded.
     */
    private String inspectToTheEnd(final String name, final String... args) throws Exception {
        final Path log = tmp.resolve("inspect-" + name + ".log");
        final Process inspector = startJava(log, forecastfarm.launcher.FarmCli.class.getName(), args);
        assertTrue(inspector.waitFor(60, TimeUnit.SECONDS), "inspect finished");
        final String output = java.nio.file.Files.readString(log);
        assertEquals(0, inspector.exitValue(), output);
        return output;
    }
}
