package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.parquet.ForecastsCsvRestore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A shard's forecasts as a CSV to copy rows from: its {@code forecasts.csv}, or, for a shard that wrote {@code
 * --output-format parquet}, its {@code forecasts.parquet} restored ({@link ForecastsCsvRestore}) into a hidden
 * temporary CSV in the merge's output dir ({@code .<shard dir>.forecasts.csv.tmp}; the shard's dir is only read),
 * deleted by {@link #close()}.
 */
final class ShardForecasts implements AutoCloseable {
    private final Path source;
    private final Path csv;
    private final Path temporary;

    private ShardForecasts(final Path source, final Path csv, final Path temporary) {
        this.source = source;
        this.csv = csv;
        this.temporary = temporary;
    }

    /**
     * The forecasts file a shard dir holds: forecasts.csv when there is one (a resumed Parquet run that did not finish
     * leaves it beside its older forecasts.parquet), else forecasts.parquet; null when it holds neither.
     */
    static Path fileIn(final Path shardDir) {
        for (final OutputFormat format : List.of(OutputFormat.CSV, OutputFormat.PARQUET)) {
            final Path file = shardDir.resolve(format.forecastsFile());
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /**
     * @param shardDir a shard dir with a forecasts file ({@link #fileIn}).
     * @param mergeDir where a temporary CSV may be written.
     * @throws Unreadable when the Parquet file cannot be read or its CSV written (no temporary file is left).
     */
    static ShardForecasts open(final Path shardDir, final Path mergeDir) throws IOException {
        final Path source = fileIn(shardDir);
        if (source == null) {
            throw new Unreadable("it has no forecasts.csv or forecasts.parquet", null);
        }
        if (!isParquet(source)) {
            return new ShardForecasts(source, source, null);
        }
        final Path temporary = mergeDir.resolve("." + shardDir.getFileName() + ".forecasts.csv.tmp");
        try {
            ForecastsCsvRestore.restore(source, temporary);
        } catch (final IOException | RuntimeException ex) {
            Files.deleteIfExists(temporary);
            throw new Unreadable("its " + source.getFileName() + " cannot be read: " + ex.getMessage(), ex);
        }
        return new ShardForecasts(source, temporary, temporary);
    }

    static boolean isParquet(final Path forecastsFile) {
        return forecastsFile.getFileName().toString().equals(OutputFormat.PARQUET.forecastsFile());
    }

    /** The shard's own forecasts file (forecasts.csv or forecasts.parquet). */
    Path source() {
        return source;
    }

    /** Its rows as CSV. */
    Path csv() {
        return csv;
    }

    boolean parquet() {
        return temporary != null;
    }

    /** The CSV's column names. */
    List<String> header() throws IOException {
        return headerOf(csv);
    }

    /** @return the columns of a CSV the farm wrote (its first line; the farm's column names need no quoting). */
    static List<String> headerOf(final Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            final String first = lines.findFirst().orElse("");
            return List.of(first.split(",", -1));
        }
    }

    /** Deletes the temporary CSV, if any. */
    @Override
    public void close() throws IOException {
        if (temporary != null) {
            Files.deleteIfExists(temporary);
        }
    }

    /** A shard's forecasts that cannot be read: the shard counts as failed, with this message as why. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
