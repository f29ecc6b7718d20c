package forecastfarm.shared.wire;

/**
 * What a worker reports for one task.
 *
 * @param taskId       the task's id.
 * @param job          the task's job id.
 * @param key          the task's key within its job (series id).
 * @param kind         the task's kind, as the task named it.
 * @param status       OK, or FAILED with {@code error} saying why (the handler threw).
 * @param startEpochMs when the worker started the task.
 * @param wallNs       elapsed time of the handler.
 * @param cpuNs        CPU time of the worker thread in the handler.
 * @param error        empty when OK.
 * @param payload      the kind-specific output (empty when FAILED).
 */
public record TaskResult(
        long taskId,
        String job,
        String key,
        String kind,
        TaskStatus status,
        long startEpochMs,
        long wallNs,
        long cpuNs,
        String error,
        byte[] payload) {}
