package forecastfarm.launcher.job;

import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.shared.forecast.ForecastRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code farm forecast} was asked to do.
 *
 * @param seasonLengths {@code --season-length}: the seasons of every series, the main one first; empty to infer them
 *                      from each series' dates.
 * @param resume       skip the series an earlier run's joblog.tsv in {@code out} lists as finished, keeping their
 *                     rows.
 * @param retryFailed  like resume, but series whose last status was not OK run again.
 * @param plots        which series get a plot ({@code --plots}).
 * @param time         {@code --time-zone} and {@code --time-format}: how date-times are read and written.
 */
public record ForecastJobOptions(
        Path input,
        int horizon,
        double[] seasonLengths,
        List<String> models,
        double[] levels,
        Path out,
        InputFormat format,
        String idCol,
        String timeCol,
        String valueCol,
        boolean resume,
        boolean retryFailed,
        PlotPolicy plots,
        TimeSettings time) {
    /**
     * @param kept how many of each series' last ds labels the job needs ({@link RecentDs#covering}).
     * @return the reader of this input's format, with the columns named on the command line (null: the format's
     * defaults).
     */
    public SeriesReader reader(final RecentDs kept) {
        return format.readerFor(input, idCol, timeCol, valueCol, time, kept);
    }

    /**
     * @param work what the job does ({@link SeriesWork#name()}) with what settings, e.g. "cv windows=4 step=1 input=0".
     * @return a stable description of everything that changes the results, for the farm dir's manifest.
     */
    public String fingerprint(final String work) {
        return work + " input=" + input.toAbsolutePath().normalize() + " (" + inputVersion() + ") h=" + horizon + " m="
                + (seasonLengths.length == 0 ? "0" : ForecastRequest.formatSeasons(seasonLengths)) + " models="
                + String.join(",", models) + " levels=" + java.util.Arrays.toString(levels)
                + " format=" + format + " cols=" + idCol + "," + timeCol + "," + valueCol
                + (time.isDefault() ? "" : " time=" + time.zoneName() + "," + time.formatName());
    }

    /**
     * @return the input and the main options in words, in display order, for the farm dir's manifest and
     *     {@code farm inspect}: input, format, horizon, models, levels, season lengths, out (and the time settings
     *     when not the defaults).
     */
    public java.util.Map<String, String> describe() {
        final java.util.Map<String, String> about = new java.util.LinkedHashMap<>();
        about.put("input", input.toAbsolutePath().normalize().toString());
        about.put("format", format.toString());
        about.put("horizon", Integer.toString(horizon));
        about.put("models", String.join(",", models));
        about.put("levels", formatLevels(levels));
        about.put(
                "season_lengths",
                seasonLengths.length == 0 ? "inferred" : ForecastRequest.formatSeasons(seasonLengths));
        about.put("out", out.toAbsolutePath().normalize().toString());
        if (!time.isDefault()) {
            about.put("time", time.zoneName() + "," + time.formatName());
        }
        return about;
    }

    private static String formatLevels(final double[] levels) {
        final StringBuilder text = new StringBuilder();
        for (final double level : levels) {
            text.append(text.length() == 0 ? "" : ",")
                    .append(java.math.BigDecimal.valueOf(level)
                            .stripTrailingZeros()
                            .toPlainString());
        }
        return text.toString();
    }

    /**
     * @param work as for {@link #fingerprint(String)}.
     * @return a short stable name for this job, for its default farm dir.
     */
    public String jobId(final String work) {
        try {
            final byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint(work).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "job-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (final java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String inputVersion() {
        if (java.nio.file.Files.isDirectory(input)) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(input)) {
                return files.sorted().map(ForecastJobOptions::fileVersion).reduce("", String::concat);
            } catch (final java.io.IOException ex) {
                return "unreadable";
            }
        }
        return fileVersion(input);
    }

    private static String fileVersion(final Path file) {
        try {
            return file.getFileName() + ": " + java.nio.file.Files.size(file) + " bytes, modified "
                    + java.nio.file.Files.getLastModifiedTime(file) + "; ";
        } catch (final java.io.IOException ex) {
            return "unreadable";
        }
    }
}
