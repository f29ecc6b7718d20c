package forecastfarm.launcher.io;

/**
 * A problem confined to one series (or one row) of an input file; the series concerned is skipped and
 * reading goes on.
 *
 * @param seriesId the series skipped because of it, or null when the row could not be tied to a series
 * @param line     1-based line in the input file where the problem is (the header is line 1); 0 when it is not
 *                 at one line (a whole file of an OHLC directory: the message names the file)
 * @param message  user-facing message, complete on its own (it names the series and, where useful, the line)
 */
public record InputProblem(String seriesId, long line, String message) {
    public InputProblem {
        if (message == null) {
            throw new NullPointerException("message");
        }
    }

    @Override
    public String toString() {
        return message;
    }
}
