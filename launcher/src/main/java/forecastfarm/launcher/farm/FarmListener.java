package forecastfarm.launcher.farm;

import forecastfarm.shared.wire.ResultRecord;

/**
 * Hears about tasks as they finish, on the conductor thread: keep it quick.
 */
public interface FarmListener {
    FarmListener NONE = (task, spec, record) -> {};

    /**
     * @param task   the task's index in the list given to the farm.
     * @param record what was stored for it (also when it FAILED or was POISONED).
     */
    void onTaskFinished(int task, TaskSpec spec, ResultRecord record);

    /**
     * A task whose result an earlier run in the same farm dir stored: it is not run again.
     */
    default void onTaskResumed(int task, TaskSpec spec, ResultRecord record) {
        onTaskFinished(task, spec, record);
    }
}
