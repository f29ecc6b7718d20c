package forecastfarm.shared.wire;

/**
 * The terminal state of a task. OK and FAILED come from a worker; POISONED is the launcher's verdict when the task
 * was running on {@code --max-attempts} workers that died.
 */
public enum TaskStatus
{
    OK,
    FAILED,
    POISONED;

    public static TaskStatus of(final int code)
    {
        return values()[code];
    }
}
