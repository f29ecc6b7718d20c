package forecastfarm.worker.forecast;

/** Thrown when a model cannot be fitted to a series; the message says why. */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
