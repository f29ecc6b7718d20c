package forecastfarm.worker.onnx;

/**
 * A model file that cannot be used: missing, unreadable, not ONNX, or of another interface than Chronos-Bolt's. The
 * message names the file and what differs. An {@link IllegalArgumentException}, as {@code withArguments} throws for
 * an argument a model cannot take.
 */
public final class OnnxLoadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    OnnxLoadException(String message) {
        super(message);
    }

    OnnxLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
