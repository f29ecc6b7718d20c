package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.agrona.concurrent.EpochClock;

/**
 * Spawns {@link FakeWorker}s instead of JVMs and keeps every generation it spawned, so a test can step them and
 * look at what each one was given.
 */
final class FakeWorkerSpawner implements WorkerSpawner {
    private static final long FIRST_PID = 10_000;

    private final FarmDirectory farm;
    private final long runId;
    private final StatusFile status;
    private final EpochClock clock;
    private final WorkerScript script;
    private final long taskMs;
    private final List<FakeWorker> spawned = new ArrayList<>();
    private Consumer<FarmEvent> exits;

    FakeWorkerSpawner(
            final FarmDirectory farm,
            final long runId,
            final StatusFile status,
            final EpochClock clock,
            final WorkerScript script,
            final long taskMs) {
        this.farm = farm;
        this.runId = runId;
        this.status = status;
        this.clock = clock;
        this.script = script;
        this.taskMs = taskMs;
    }

    /** Where worker exits are reported: the conductor's event queue. */
    void reportExitsTo(final Consumer<FarmEvent> exits) {
        this.exits = exits;
    }

    @Override
    public ProcessHandle spawn(final int slot, final int generation) {
        final FakeWorker worker = new FakeWorker(
                farm, runId, slot, generation, FIRST_PID + spawned.size(), status, clock, script, taskMs, exits);
        spawned.add(worker);
        return worker.handle();
    }

    /** One step of every worker still alive. */
    void stepAll() {
        spawned.forEach(FakeWorker::step);
    }

    /** @return the generations of this slot, oldest first. */
    List<FakeWorker> generations(final int slot) {
        final List<FakeWorker> generations = new ArrayList<>();
        for (final FakeWorker worker : spawned) {
            if (worker.slot() == slot) {
                generations.add(worker);
            }
        }
        return generations;
    }

    FakeWorker latest(final int slot) {
        final List<FakeWorker> generations = generations(slot);
        return generations.get(generations.size() - 1);
    }

    /** @return the attempt number each worker that started this task was given, worker by worker in spawn order. */
    List<Integer> attemptsStarted(final String key) {
        final List<Integer> attempts = new ArrayList<>();
        spawned.forEach(worker -> worker.started().stream()
                .filter(task -> task.key().equals(key))
                .forEach(task -> attempts.add(task.attempt())));
        return attempts;
    }

    void close() {
        spawned.forEach(FakeWorker::close);
    }
}
