package forecastfarm.worker.json;

/**
 * Why a result could not be rendered, and where: each enclosing map, record or array adds its step to the path on
 * the way out, so only a failure pays for the path.
 */
final class PathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    PathException(final String reason) {
        this(reason, "");
    }

    private PathException(final String reason, final String path) {
        super(reason, null, false, false);
        this.path = path;
    }

    PathException under(final String step) {
        return new PathException(getMessage(), step + path);
    }

    String describe() {
        return getMessage() + " at $" + path;
    }
}
