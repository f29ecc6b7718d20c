package forecastfarm.launcher.api;

/**
 * The farm could not run (its farm dir is busy or holds another job, workers cannot start), or the result
 * consumer failed; the message says which and what to do.
 */
public final class FarmRunException extends RuntimeException {
    public FarmRunException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
