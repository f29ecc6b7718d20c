package forecastfarm.launcher.io;

import java.util.function.Consumer;

/**
 * Collects what is wrong with the values of one series while it is read (first occurrence and count of each kind)
 * and reports it in {@link LongCsvReader}'s words, one problem per kind: "series B line 5: value 'x' is not a number
 * (and 1 more value that is not a number in this series)", "... is not a finite number", "series B has 4 missing
 * values (first at line 6)".
 */
final class ValueChecks {
    private long wrongFieldsLine;
    private int wrongFieldsFound;
    private int wrongFieldsCount;
    private long badNumberLine;
    private String badNumber;
    private int badNumberCount;
    private long infiniteLine;
    private String infinite;
    private int infiniteCount;
    private long missingLine;
    private int missingCount;

    void reset() {
        wrongFieldsCount = 0;
        badNumberCount = 0;
        infiniteCount = 0;
        missingCount = 0;
    }

    /**
     * Checks one value cell: returns its finite value, or NaN after noting why there is none (missing, not a number,
     * infinite).
     */
    double value(String raw, long line) {
        String v = raw.strip();
        if (Numbers.isMissing(v)) {
            missing(line);
            return Double.NaN;
        }
        double y = Numbers.parseValue(v);
        if (Double.isInfinite(y)) {
            if (infiniteCount++ == 0) {
                infiniteLine = line;
                infinite = raw;
            }
            return Double.NaN;
        }
        if (Double.isNaN(y)) {
            if (badNumberCount++ == 0) {
                badNumberLine = line;
                badNumber = raw;
            }
        }
        return y;
    }

    void missing(long line) {
        if (missingCount++ == 0) {
            missingLine = line;
        }
    }

    void wrongFields(long line, int found) {
        if (wrongFieldsCount++ == 0) {
            wrongFieldsLine = line;
            wrongFieldsFound = found;
        }
    }

    boolean ok() {
        return wrongFieldsCount == 0 && badNumberCount == 0 && infiniteCount == 0 && missingCount == 0;
    }

    /**
     * Reports what was noted, each message starting with {@code who} ("series B", or "series AAPL (file d/AAPL.csv)").
     *
     * @return true when nothing was wrong
     */
    boolean report(String seriesId, String who, int expectedFields, Consumer<InputProblem> onProblem) {
        if (wrongFieldsCount > 0) {
            onProblem.accept(new InputProblem(
                    seriesId,
                    wrongFieldsLine,
                    who + " line " + wrongFieldsLine + ": expected "
                            + expectedFields + " fields but found " + wrongFieldsFound
                            + more(
                                    wrongFieldsCount,
                                    "row with the wrong number of fields",
                                    "rows with the wrong number of fields")));
        }
        if (badNumberCount > 0) {
            onProblem.accept(new InputProblem(
                    seriesId,
                    badNumberLine,
                    who + " line " + badNumberLine + ": value '"
                            + badNumber + "' is not a number"
                            + more(badNumberCount, "value that is not a number", "values that are not numbers")));
        }
        if (infiniteCount > 0) {
            onProblem.accept(new InputProblem(
                    seriesId,
                    infiniteLine,
                    who + " line " + infiniteLine + ": value '" + infinite + "' is not a finite number"
                            + more(infiniteCount, "infinite value", "infinite values")));
        }
        if (missingCount > 0) {
            onProblem.accept(new InputProblem(
                    seriesId,
                    missingLine,
                    who + " has " + missingCount + (missingCount == 1 ? " missing value" : " missing values")
                            + " (first at line " + missingLine + ")"));
        }
        return ok();
    }

    private static String more(int count, String one, String many) {
        if (count <= 1) {
            return "";
        }
        int others = count - 1;
        return " (and " + others + " more " + (others == 1 ? one : many) + " in this series)";
    }
}
