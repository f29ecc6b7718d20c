package forecastfarm.shared.wire;

/**
 * One unit of work for a worker: a kind (which handler runs it), a key (the series id) and an opaque payload that
 * the kind's codec understands.
 *
 * @param taskId  the launcher's id of the task, unique within a farm dir.
 * @param attempt 1 on the first try, then one more each time a worker died running it.
 * @param kind    the handler name, e.g. "forecast".
 * @param key     the series id (the results map key).
 * @param payload the kind-specific input; never mutated.
 */
public record Task(long taskId, int attempt, String kind, String key, byte[] payload) {}
