package forecastfarm.launcher.farm;

import forecastfarm.shared.wire.Task;

/**
 * How the fake workers of a test behave: what a worker does with each task it runs, and whether a worker dies at
 * start before it becomes ready.
 */
@FunctionalInterface
interface WorkerScript {
    /** Every worker finishes every task. */
    WorkerScript HEALTHY = task -> FakeWorker.Move.FINISH;

    FakeWorker.Move onTask(Task task);

    default boolean crashesAtStart(final int slot, final int generation) {
        return false;
    }

    /** @return this script, except that every generation of the given slot dies at start. */
    default WorkerScript crashingAtStartOnSlot(final int crashingSlot) {
        final WorkerScript tasks = this;
        return new WorkerScript() {
            @Override
            public FakeWorker.Move onTask(final Task task) {
                return tasks.onTask(task);
            }

            @Override
            public boolean crashesAtStart(final int slot, final int generation) {
                return slot == crashingSlot || tasks.crashesAtStart(slot, generation);
            }
        };
    }
}
