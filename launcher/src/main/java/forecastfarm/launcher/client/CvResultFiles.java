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
import java.util.function.Function;

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
        // farm cv's own columns, for the levels (and steps) the first row has
        final Table rows = new Table(
                out.resolve(CvSection.fileNames().get(0)),
                line -> CvSection.headers(levels(line, "lo-"), 0).get(0));
        final Table metrics = new Table(
                out.resolve(CvSection.fileNames().get(1)),
                line -> CvSection.headers(levels(line, "coverage-"), steps(line))
                        .get(1));
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

    private static double[] levels(final JsonNode line, final String prefix) {
        return JobResultFiles.levels(line, prefix).stream()
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    /** @return how many {@code mase-hK} columns a metrics line has: the job's horizon. */
    private static int steps(final JsonNode line) {
        int steps = 0;
        while (line.has(CvSection.STEP_COLUMN_PREFIX + (steps + 1))) {
            steps++;
        }
        return steps;
    }

    /** A CSV of NDJSON rows, opened at its first row with the header {@code headerOf} gives for it. */
    private static final class Table {
        private final Path file;
        private final Function<JsonNode, List<String>> headerOf;
        private List<String> header;
        private CsvTable.Writer writer;

        Table(final Path file, final Function<JsonNode, List<String>> headerOf) {
            this.file = file;
            this.headerOf = headerOf;
        }

        void add(final JsonNode line) {
            try {
                if (writer == null) {
                    header = headerOf.apply(line);
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
