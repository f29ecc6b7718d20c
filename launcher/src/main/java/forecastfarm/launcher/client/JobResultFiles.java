package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import forecastfarm.launcher.io.AtomicWrites;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.io.ForecastTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * {@code farm results JOB --out DIR}: a served job's results as files, in the order its tasks finished. A forecast
 * job: forecasts.csv (the long shape, {@code ds} as the server has it: the step's date when the series was sent with
 * dates, else the step) and failed.csv; a task job: results.jsonl (its lines as {@code farm run} writes them) and
 * failed.csv; a cv job: cv.csv, cv_metrics.csv and failed.csv ({@link CvResultFiles}). Each file is written under a
 * temporary name and renamed into place.
 */
public final class JobResultFiles {
    private final ServedFarm farm;

    public JobResultFiles(final ServedFarm farm) {
        this.farm = farm;
    }

    /** @return the files written, by name, with their row counts. */
    public List<String> write(final String id, final String type, final Path out) throws IOException {
        Files.createDirectories(out);
        if ("cv".equals(type)) {
            return new CvResultFiles(farm).write(id, out);
        }
        return "forecast".equals(type) ? forecast(id, out) : tasks(id, out);
    }

    private List<String> forecast(final String id, final Path out) throws IOException {
        final FailedCsvWriter failed = new FailedCsvWriter(out.resolve("failed.csv"));
        final ForecastCsvWriter[] forecasts = {null};
        final List<String> header = new ArrayList<>();
        try {
            farm.results(id, line -> {
                try {
                    if (line.has("status")) {
                        writeFailure(failed, line);
                        return;
                    }
                    if (forecasts[0] == null) {
                        forecasts[0] = new ForecastCsvWriter(
                                out.resolve("forecasts.csv"),
                                new ForecastTable(
                                        ForecastTable.Shape.LONG,
                                        levels(line, "lo-").stream()
                                                .mapToDouble(Double::parseDouble)
                                                .toArray(),
                                        List.of()));
                        header.addAll(forecasts[0].table().header());
                    }
                    final String[] row = new String[header.size()];
                    for (int i = 0; i < row.length; i++) {
                        final JsonNode value = line.get(header.get(i));
                        row[i] = value == null || value.isNull() ? "" : value.asText();
                    }
                    forecasts[0].copyRow(row);
                } catch (final IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            failed.close();
            if (forecasts[0] != null) {
                forecasts[0].close();
            }
        } catch (final RuntimeException ex) {
            failed.abort();
            if (forecasts[0] != null) {
                forecasts[0].abort();
            }
            throw ex;
        }
        final List<String> files = new ArrayList<>();
        if (forecasts[0] != null) {
            files.add("forecasts.csv (" + forecasts[0].rowsWritten() + " rows)");
        }
        files.add("failed.csv (" + failed.rowsWritten() + " rows)");
        return files;
    }

    private List<String> tasks(final String id, final Path out) throws IOException {
        final FailedCsvWriter failed = new FailedCsvWriter(out.resolve("failed.csv"), FailedCsvWriter.TASK_HEADER);
        final long[] lines = {0};
        try {
            AtomicWrites.write(
                    out.resolve("results.jsonl"),
                    stream -> farm.results(id, line -> {
                        try {
                            stream.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                            lines[0]++;
                            if (!"OK".equals(line.path("status").asText())) {
                                failed.write(
                                        line.path("key").asText(),
                                        line.path("status").asText(),
                                        line.path("attempts").asInt(),
                                        line.path("reason").asText());
                            }
                        } catch (final IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    }));
            failed.close();
        } catch (final RuntimeException | IOException ex) {
            failed.abort();
            throw ex;
        }
        return List.of("results.jsonl (" + lines[0] + " lines)", "failed.csv (" + failed.rowsWritten() + " rows)");
    }

    /** Writes a forecast or cv job's failure line ({@code unique_id, [model,] status, attempts, reason}). */
    static void writeFailure(final FailedCsvWriter failed, final JsonNode line) {
        try {
            failed.write(
                    line.path("unique_id").asText(),
                    line.path("status").asText(),
                    line.path("attempts").asInt(),
                    (line.has("model") ? line.get("model").asText() + ": " : "")
                            + line.path("reason").asText());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the levels of a row's {@code <prefix>L} columns ({@code lo-80}: 80), as written, ascending. */
    static List<String> levels(final JsonNode row, final String prefix) {
        final List<String> levels = new ArrayList<>();
        for (final Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (name.startsWith(prefix)) {
                levels.add(name.substring(prefix.length()));
            }
        }
        levels.sort(Comparator.comparingDouble(Double::parseDouble));
        return levels;
    }
}
