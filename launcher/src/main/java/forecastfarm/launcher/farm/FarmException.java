package forecastfarm.launcher.farm;

/**
 * The farm cannot run: the message is for the user and says what to do.
 */
public class FarmException extends RuntimeException {
    public FarmException(final String message) {
        super(message);
    }

    public FarmException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
