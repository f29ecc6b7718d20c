package forecastfarm.shared.status;

/**
 * The launcher's state in the status file header.
 */
public enum LauncherState {
    NONE,
    STARTING,
    RUNNING,
    DRAINING,
    FINISHED;

    public static LauncherState of(final int code) {
        final LauncherState[] values = values();
        return code >= 0 && code < values.length ? values[code] : NONE;
    }
}
