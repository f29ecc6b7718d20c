package forecastfarm.launcher.serve;

/**
 * A request wrong as a whole: answered {@code 400} with the field and what is expected; nothing is accepted.
 */
final class BadRequest extends RuntimeException {
    private final String field;

    BadRequest(final String field, final String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
