package forecastfarm.launcher.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run-level facts at the top of the report. The counts, success rate and runtimes come from the rows;
 * this carries what only the run knows.
 *
 * @param title       the page's heading
 * @param wallSeconds the run's wall time in seconds, or NaN when unknown
 * @param workers     worker processes used (0 if unknown)
 * @param details     further facts shown as a key/value table (e.g. the whole summary.json map; nested maps are
 *                    flattened to {@code a.b}); may be empty
 */
public record ReportSummary(String title, double wallSeconds, int workers, Map<String, Object> details) {
    public ReportSummary {
        Objects.requireNonNull(title, "title");
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    /**
     * From the map the job writes as summary.json: {@code wall_seconds} and {@code workers} are read (when
     * numbers), the whole map is kept as details.
     */
    public static ReportSummary fromSummaryJson(Map<String, Object> summary) {
        Objects.requireNonNull(summary, "summary");
        return new ReportSummary(
                "Forecast Farm report",
                number(summary.get("wall_seconds"), Double.NaN),
                (int) number(summary.get("workers"), 0),
                summary);
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }
}
