package forecastfarm.launcher.client;

/**
 * A served farm refused a request, or could not be reached: the message says which and what to do.
 */
public final class ServedFarmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of a refusal; 0 when the server was not reached. */
    private final int status;

    public ServedFarmException(final String message) {
        this(message, 0);
    }

    public ServedFarmException(final String message, final int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
