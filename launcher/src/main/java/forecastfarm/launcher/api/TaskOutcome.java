package forecastfarm.launcher.api;

import forecastfarm.shared.wire.ResultRecord;

/**
 * A finished task as {@link TaskJob} delivers it.
 *
 * @param seq     the task's position in submission order (0-based), as the farm numbers it.
 * @param key     the task's key.
 * @param record  the result: status, the kind's result payload (OK) or the reason, attempts, worker, timings.
 * @param resumed true when an earlier run of the same job finished it (not computed again).
 */
public record TaskOutcome(long seq, String key, ResultRecord record, boolean resumed) {}
