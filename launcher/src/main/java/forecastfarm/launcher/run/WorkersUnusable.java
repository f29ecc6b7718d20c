package forecastfarm.launcher.run;

/**
 * The worker JVM cannot be used at all (it does not start, or does not answer as a worker does): the command exits
 * with {@link forecastfarm.launcher.cli.ExitCodes#WORKERS_FAILED}.
 */
public final class WorkersUnusable extends RuntimeException {
    public WorkersUnusable(final String message) {
        super(message);
    }

    public WorkersUnusable(final String message, final Throwable cause) {
        super(message, cause);
    }
}
