package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.JobLogReader;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.report.HtmlReportWriter;
import forecastfarm.launcher.report.PlotFileNames;
import forecastfarm.launcher.report.ReportRow;
import forecastfarm.launcher.report.ReportSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The merged {@code report.html}: the merge's summary, one row per series from each shard's joblog.tsv (linking the
 * plot the shard drew, under {@code shards/<dir>/plots/}), and one row per shard that is missing, failed or
 * unfinished, named.
 */
final class MergeReport {
    private MergeReport() {}

    /** @param section HTML shown after the summary (a cv job's scores), or empty. */
    static Path write(final Path dir, final ShardMerge.Result result, final String section) {
        final List<ReportRow> rows = new ArrayList<>();
        for (final ShardMerge.ShardState shard : result.shards()) {
            if (!shard.ok()) {
                rows.add(new ReportRow(
                        "(shard " + shard.label() + ")",
                        List.of(),
                        shard.status().toUpperCase(java.util.Locale.ROOT),
                        shard.describe(),
                        0,
                        Double.NaN,
                        null));
            }
            if (shard.dir() != null) {
                addSeries(dir, dir.resolve(shard.dir()), rows);
            }
        }
        try {
            return new HtmlReportWriter(dir).write(ReportSummary.fromSummaryJson(result.summary()), rows, section);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + dir.resolve("report.html") + ": " + ex.getMessage(), ex);
        }
    }

    private static void addSeries(final Path dir, final Path shardDir, final List<ReportRow> rows) {
        final Path joblog = shardDir.resolve(JobLogWriter.FILE_NAME);
        if (!Files.exists(joblog)) {
            return;
        }
        JobLogReader.forEachRow(joblog, fields -> true, f -> {
            final Path plot = shardDir.resolve("plots").resolve(PlotFileNames.baseName(f[1]) + ".png");
            rows.add(new ReportRow(
                    f[1],
                    List.of(),
                    f[6],
                    f[7],
                    Integer.parseInt(f[5]),
                    Double.parseDouble(f[4]) * 1000,
                    Files.exists(plot) ? ReportRow.plotPath(dir, plot) : null));
        });
    }
}
