package forecastfarm.shared.wire;

/**
 * The terminal state of a task. OK and FAILED come from a worker; POISONED is the launcher's verdict when the task
 * was running on {@code --max-attempts} workers that died.
 */
public enum TaskStatus {
    OK,
    FAILED,
    POISONED;

    public static TaskStatus of(final int code) {
        final TaskStatus[] values = values();
        if (code < 0 || code >= values.length) {
            throw new IllegalArgumentException("corrupt task status " + code);
        }
        return values[code];
    }
}
