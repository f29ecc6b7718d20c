package forecastfarm.launcher.merge;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.io.CsvOut;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shard that holds no series (more shards than series, or an unlucky hash): not an error. It gets the same
 * outputs as any shard, empty, and exit code 0, so that a merge sees it as done.
 */
public final class EmptyShard {
    private EmptyShard() {}

    /**
     * @param dataFiles each data file's name and columns (forecasts.csv), written with no rows.
     * @return {@link ExitCodes#OK}.
     */
    public static int write(
            final Path out,
            final Map<String, List<String>> dataFiles,
            final ShardFilter shard,
            final PrintStream console) {
        try {
            Files.createDirectories(out);
            for (final Map.Entry<String, List<String>> file : dataFiles.entrySet()) {
                new CsvOut(out.resolve(file.getKey()), file.getValue().toArray(String[]::new)).close();
            }
            new FailedCsvWriter(out.resolve("failed.csv")).close();
            final Map<String, Object> summary = new LinkedHashMap<>();
            for (final String key : new String[] {
                "tasks", "ok", "failed", "poisoned", "invalid_input", "resumed", "retries", "worker_restarts", "workers"
            }) {
                summary.put(key, 0);
            }
            summary.put("carried_over", 0);
            summary.put("wall_seconds", 0.0);
            summary.put("status", "done");
            summary.put("interrupted_by", null);
            summary.put("abort_reason", null);
            summary.put("shard", shard.toString());
            SummaryJson.write(out.resolve("summary.json"), summary);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write results to " + out + ": " + ex.getMessage(), ex);
        }
        console.println("shard " + shard + " holds no series of the input: empty outputs in " + out);
        return ExitCodes.OK;
    }
}
