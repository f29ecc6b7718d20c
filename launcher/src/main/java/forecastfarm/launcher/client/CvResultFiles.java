package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import forecastfarm.launcher.cv.CvSection;
import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.FailedCsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code farm results JOB --out DIR} of a served cv job: cv.csv and cv_metrics.csv with {@code farm cv}'s columns (the
 * levels those of the job's rows), numbers written as {@code farm cv} writes them, and failed.csv; rows in the order
 * the job's series finished. Each file is written under a temporary name and renamed into place.
 */
final class CvResultFiles {
    private final ServedFarm farm;

    CvResultFiles(final ServedFarm farm) {
        this.farm = farm;
    }

    /** @return the files written, by name, with their row counts. */
    List<String> write(final String id, final Path out) throws IOException {
        final FailedCsvWriter failed = new FailedCsvWriter(out.resolve("failed.csv"));
        final Table rows = new Table(
                out.resolve("cv.csv"),
                List.of("unique_id", "ds", "cutoff", "y", "model", "forecast"),
                List.of("lo-", "hi-"),
                List.of("model_spec"),
                null);
        final Table metrics = new Table(
                out.resolve("cv_metrics.csv"),
                List.of("unique_id", "model", "windows", "mae", "rmse", "smape", "mase"),
                List.of("coverage-", "msis-"),
                List.of(),
                CvSection.STEP_COLUMN_PREFIX);
        try {
            farm.results(id, null, line -> {
                if (line.has("status")) {
                    JobResultFiles.writeFailure(failed, line);
                } else {
                    rows.add(line);
                }
            });
            farm.results(id, "metrics", metrics::add);
            failed.close();
            rows.close();
            metrics.close();
        } catch (final RuntimeException | IOException ex) {
            failed.abort();
            rows.abort();
            metrics.abort();
            throw ex;
        }
        final List<String> files = new ArrayList<>();
        rows.describe(files);
        metrics.describe(files);
        files.add("failed.csv (" + failed.rowsWritten() + " rows)");
        return files;
    }

    /**
     * A CSV of NDJSON rows, opened at its first row: the header is {@code first}, then each level's columns (the
     * {@code perLevel} prefixes with each level of the first row's first prefix, ascending), then {@code last}, then the
     * first row's columns named {@code stepPrefix}K (K the horizon step, in the row's order), when there is a prefix.
     */
    private static final class Table {
        private final Path file;
        private final List<String> first;
        private final List<String> perLevel;
        private final List<String> last;
        private final String stepPrefix;
        private List<String> header;
        private CsvTable.Writer writer;

        Table(
                final Path file,
                final List<String> first,
                final List<String> perLevel,
                final List<String> last,
                final String stepPrefix) {
            this.file = file;
            this.first = first;
            this.perLevel = perLevel;
            this.last = last;
            this.stepPrefix = stepPrefix;
        }

        void add(final JsonNode line) {
            try {
                if (writer == null) {
                    header = new ArrayList<>(first);
                    for (final String level : JobResultFiles.levels(line, perLevel.get(0))) {
                        perLevel.forEach(prefix -> header.add(prefix + level));
                    }
                    header.addAll(last);
                    if (stepPrefix != null) {
                        line.fieldNames().forEachRemaining(name -> {
                            if (name.startsWith(stepPrefix)) {
                                header.add(name);
                            }
                        });
                    }
                    writer = new CsvTable.Writer(file, header);
                }
                final List<String> cells = new ArrayList<>(header.size());
                for (final String column : header) {
                    final JsonNode value = line.get(column);
                    cells.add(
                            value == null || value.isNull()
                                    ? ""
                                    : value.isNumber() ? CsvTable.cell(value.asDouble()) : value.asText());
                }
                writer.row(cells);
            } catch (final IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }

        void abort() {
            if (writer != null) {
                writer.abort();
            }
        }

        void describe(final List<String> files) {
            if (writer != null) {
                files.add(file.getFileName() + " (" + writer.rowsWritten() + " rows)");
            }
        }
    }
}
