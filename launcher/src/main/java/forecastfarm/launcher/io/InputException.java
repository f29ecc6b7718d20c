package forecastfarm.launcher.io;

import java.nio.file.Path;

/**
 * A problem with the user's input whose message is meant to be shown to the user as is.
 *
 * <p>Unchecked. Thrown for whole-input problems by the {@link SeriesReader}s and {@link InputFormat} (the
 * message then names the file or directory) and for invalid time indexes by {@link TimeAxis#of} (the message names the series; {@link
 * #offendingIndex()} is the position of the offending ds value in the list given, so a reader can map it
 * to a line).
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int offendingIndex;

    /** A whole-file problem; {@code file} may be null when no file is involved. */
    public InputException(Path file, String message) {
        this(file, message, null);
    }

    public InputException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.offendingIndex = -1;
    }

    /** A problem with one series' values, not tied to a file (yet). */
    public InputException(String message, int offendingIndex) {
        super(message);
        this.file = null;
        this.offendingIndex = offendingIndex;
    }

    /** The input file concerned, or null. */
    public Path file() {
        return file;
    }

    /** Index (0-based) of the offending value in the list that was validated, or -1. */
    public int offendingIndex() {
        return offendingIndex;
    }
}
