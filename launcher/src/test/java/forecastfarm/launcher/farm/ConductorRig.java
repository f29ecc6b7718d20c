package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.fail;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskAdapter;
import forecastfarm.shared.wire.TaskSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.concurrent.CachedEpochClock;

/**
 * A {@link FarmConductor} wired as {@link Farm} wires it (real status file, queues and results map in a temp dir),
 * but with {@link FakeWorker}s for processes and a clock that moves only when the test ticks it.
 */
final class ConductorRig implements AutoCloseable {
    static final long TICK_MS = 10;
    static final long START_MS = 1_000_000;
    private static final long RUN_ID = 1;
    private static final int MAX_TICKS = 2_000;

    static final String JOB = "rig-job";

    final CachedEpochClock clock = new CachedEpochClock();
    final JobRun job;
    final TaskLedger ledger;
    final TaskIntake intake;
    private final FarmContext ctx;
    final ResultStore store;
    final StatusFile status;
    final FakeWorkerSpawner workers;
    final FarmConductor conductor;
    /** What the listener heard, by key; a key heard twice fails the test. */
    final Map<String, ResultRecord> finished = new LinkedHashMap<>();

    private final FarmDirectory farm;

    /**
     * @param ctx    the settings under test; its farm dir and clock are set here.
     * @param taskMs how long a fake worker takes for a task it finishes.
     */
    ConductorRig(
            final Path farmDir,
            final FarmContext ctx,
            final List<TaskSpec> tasks,
            final WorkerScript script,
            final long taskMs) {
        clock.update(START_MS);
        ctx.farmDir(farmDir)
                .clock(clock)
                .workerClasspath("unused: the workers are fakes")
                .conclude();
        this.ctx = ctx;
        farm = ctx.farmDirectory().createDirectories();
        intake = TaskIntake.of(tasks);
        store = ResultStore.openForLauncher(farm, MapSizing.forTasks(tasks.size(), 8, 64), ctx.stuckMapWriteMs());
        status = StatusFile.create(
                farm.statusFile(), ctx.workers(), ProcessHandle.current().pid(), RUN_ID, START_MS);
        workers = new FakeWorkerSpawner(farm, RUN_ID, status, clock, script, taskMs);
        conductor = new FarmConductor(ctx, RUN_ID, status, workers);
        conductor.resultsTo(store);
        workers.reportExitsTo(conductor::offer);
        job = open(JobSpec.named(JOB), intake, (task, spec, record) -> {
            if (finished.put(spec.key(), record) != null) {
                fail(spec.key() + " was reported finished twice");
            }
        });
        ledger = job.ledger;
        // the farm ends once its jobs have ended, as Farm#close has it
        conductor.offer(new FarmEvent.Close());
    }

    /** Opens one more job on the conductor, as {@link Farm#open} does. */
    JobRun open(final JobSpec spec, final TaskIntake tasks, final FarmListener listener) {
        final JobRun opened = new JobRun(spec, tasks, ctx.maxAttempts(), listener, 64);
        conductor.open(opened);
        return opened;
    }

    /** Context defaults for these tests: short timeouts and delays, two tasks in flight per worker. */
    static FarmContext context(final int workers) {
        return new FarmContext()
                .workers(workers)
                .maxInFlightPerWorker(2)
                .heartbeatTimeoutMs(1_000)
                .taskTimeoutMs(5_000)
                .maxAttempts(3)
                .restartBaseDelayMs(TICK_MS)
                .restartMaxDelayMs(8 * TICK_MS)
                .crashLoopLimit(3)
                .drainGraceMs(10_000);
    }

    static List<TaskSpec> tasks(final String... keys) {
        final List<TaskSpec> tasks = new ArrayList<>();
        for (final String key : keys) {
            tasks.add(new TaskSpec(key, "fake", new byte[] {1}));
        }
        return tasks;
    }

    /** One duty cycle: the clock moves one tick, every live worker takes a step, then the conductor does. */
    void tick() {
        clock.advance(TICK_MS);
        workers.stepAll();
        conductor.doWork();
    }

    void runUntil(final String what, final BooleanSupplier condition) {
        for (int i = 0; i < MAX_TICKS; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            tick();
        }
        fail("after " + MAX_TICKS + " ticks still waiting for " + what);
    }

    /** Ticks until the newest worker of the slot is running a task. */
    void runUntilBusy(final int slot) {
        runUntil(
                "a task to start on slot " + slot,
                () -> !workers.generations(slot).isEmpty()
                        && workers.latest(slot).current() != null);
    }

    void runToEnd() {
        runUntil("the conductor to be done", conductor::isDone);
    }

    /** @return what the results map holds for the key, once every queued put is written; null when nothing. */
    ResultRecord stored(final String key) {
        store.flush();
        final byte[] value = store.get(ResultKey.of(JOB, key));
        return value == null ? null : ResultRecord.decode(value);
    }

    /** @return whether one generation's task queue is still on disk. */
    boolean queueExists(final int slot, final int generation) {
        return java.nio.file.Files.exists(farm.taskQueue(RUN_ID, slot, generation));
    }

    /** @return the keys of every task the conductor wrote to one generation's task queue, in order. */
    List<String> keysSentTo(final int slot, final int generation) {
        final List<String> keys = new ArrayList<>();
        try (ChronicleQueue queue = FarmQueues.open(farm.taskQueue(RUN_ID, slot, generation))) {
            final TaskAdapter adapter = new TaskAdapter(queue.createTailer(), new TaskSink() {
                @Override
                public void onTask(final Task task) {
                    keys.add(task.key());
                }

                @Override
                public void onStop() {}
            });
            while (adapter.poll()) {
                // read to the end
            }
        }
        return keys;
    }

    @Override
    public void close() {
        conductor.killAll("test over");
        workers.close();
        store.close();
        status.close();
    }
}
