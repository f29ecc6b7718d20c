package forecastfarm.shared.wire;

/**
 * One unit of work for a worker: a kind (which handler runs it), a key (the series id) and an opaque payload that
 * the kind's codec understands.
 *
 * @param taskId  the launcher's id of the task, unique within a launcher run.
 * @param attempt 1 on the first try, then one more each time a worker died running it.
 * @param job     the id of the job the task belongs to (see {@link ResultKey}).
 * @param kind    the handler name, e.g. "forecast".
 * @param key     the task's key within its job (the series id).
 * @param payload the kind-specific input; never mutated.
 */
public record Task(long taskId, int attempt, String job, String kind, String key, byte[] payload) {}
