package forecastfarm.launcher.io;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The ds values of one series being validated, and how a message names a row: "series B line 7" when the reader
 * knows the input lines ({@code lineOf}: index to 1-based line), else "series B".
 */
record SeriesDs(List<String> ds, String seriesId, IntToLongFunction lineOf) {

    /** "series B line 7: " + what (or "series B: " + what). */
    InputException problem(int i, String what) {
        return new InputException(
                "series " + seriesId + (lineOf == null ? "" : " line " + lineOf.applyAsLong(i)) + ": " + what, i);
    }

    /** The stripped ds of row i. */
    String text(int i) {
        String raw = ds.get(i);
        return raw == null ? "" : raw.strip();
    }

    /** " (line 6)" for row i, or "" when lines are unknown. */
    String at(int i) {
        return lineOf == null ? "" : " (line " + lineOf.applyAsLong(i) + ")";
    }
}
