package forecastfarm.launcher.merge;

import forecastfarm.launcher.cv.CvSection;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.merge.ShardMerge.Result;
import forecastfarm.launcher.merge.ShardMerge.ShardState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code farm merge DIR} of the shards of a {@code farm cv --shard i/n} job: their cv.csv, cv_metrics.csv, failed.csv
 * and joblog.tsv are joined into DIR, each series once, and summary.json's {@code "cv"} section and report.html's
 * cross-validation section are scored again from the merged cv_metrics.csv ({@link CvSection}, as a single run scores
 * its own), so that a merge of shards says what one run of the whole input says.
 *
 * <p>As {@link ShardMerge} does for forecasts: duplicates, misplaced series, missing, failed and interrupted shards are
 * named, and with {@code --input} the rows are in input order and the series no shard holds are NOT_RUN in failed.csv.
 * Shards run with different settings are refused ({@link CvShardSettings}); a shard whose files have other columns
 * (another {@code --level}) is failed.
 */
final class CvShardMerge {
    private final Path dir;
    private final Map<String, Long> positions;
    private final ShardMerge printer;

    /**
     * @param positions each series id of {@code --input} to its position, or null without it.
     * @param printer   prints the outcome to the console.
     */
    CvShardMerge(final Path dir, final Map<String, Long> positions, final ShardMerge printer) {
        this.dir = dir;
        this.positions = positions;
        this.printer = printer;
    }

    Result merge(final ShardChoice choice) throws IOException {
        final CvSection settings = CvShardSettings.agreed(choice);
        final int n = choice.count();
        final List<ShardState> states = new ArrayList<>();
        final ShardRowCopy rows = new ShardRowCopy(n);
        final List<OrderedOutput> open = new ArrayList<>();
        try {
            final OrderedOutput failed =
                    new OrderedOutput(dir.resolve("failed.csv"), FailedCsvWriter.HEADER, positions);
            open.add(failed);
            List<List<String>> headers = null;
            final List<OrderedOutput> tables = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final ShardCandidate c = choice.chosen().get(i);
                if (c == null) {
                    states.add(ShardMerge.missing(i, n));
                    continue;
                }
                ShardState state = c.state(n);
                if (c.hasOutputs()) {
                    final List<Path> files =
                            CvSection.fileNames().stream().map(c.dir::resolve).toList();
                    final List<List<String>> header = new ArrayList<>();
                    for (final Path file : files) {
                        header.add(ShardForecasts.headerOf(file));
                    }
                    if (headers == null) {
                        headers = header;
                        tables.addAll(outputs(headers));
                        open.addAll(tables);
                    }
                    if (header.equals(headers)) {
                        rows.copy(i, files, tables, c.dir.resolve("failed.csv"), failed);
                    } else {
                        state = ShardMerge.failed(
                                state,
                                "its cv.csv or cv_metrics.csv has other columns than the first shard's (another "
                                        + "--level or --horizon?): rerun it with the other shards' settings, then "
                                        + "merge again");
                    }
                }
                states.add(state);
            }
            if (headers == null) {
                tables.addAll(
                        outputs(settings != null ? settings.headers() : CvSection.headers(new double[] {80, 95}, 0)));
                open.addAll(tables);
            }
            final Long notRun = positions == null
                    ? null
                    : NotRunSeries.list(n, states, rows.seen(), positions.keySet(), failed, "cv");
            final Map<String, Object> summary =
                    MergeSummary.build(choice, states, rows, notRun, positions == null ? null : positions.size());
            for (final OrderedOutput output : open) {
                output.close();
            }
            open.clear();
            MergedJobLog.write(dir, states);
            final Path metrics = dir.resolve(CvSection.fileNames().get(1));
            final CvSection.Scored scored = settings == null ? null : settings.score(metrics, null);
            if (scored != null) {
                summary.put("cv", scored.json());
            }
            SummaryJson.write(dir.resolve("summary.json"), summary);
            final Result result = Result.of(states, summary, rows, notRun);
            ShardMerge.writeReport(dir, result, scored == null ? "" : scored.html());
            printer.print(
                    result,
                    "series",
                    "cv.csv, cv_metrics.csv, failed.csv, joblog.tsv, summary.json, report.html",
                    choice);
            return result;
        } finally {
            open.forEach(OrderedOutput::abort);
        }
    }

    private List<OrderedOutput> outputs(final List<List<String>> headers) throws IOException {
        final List<OrderedOutput> outputs = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            outputs.add(new OrderedOutput(dir.resolve(CvSection.fileNames().get(i)), headers.get(i), positions));
        }
        return outputs;
    }
}
