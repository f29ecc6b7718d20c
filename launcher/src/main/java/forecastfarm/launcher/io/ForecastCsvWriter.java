package forecastfarm.launcher.io;

import forecastfarm.shared.forecast.ModelForecast;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code forecasts.csv} in the columns of a {@link ForecastTable} (long shape by default: header
 * {@code unique_id,ds,step,model,forecast}, then {@code lo-L,hi-L} for each level L, then {@code model_spec}).
 *
 * <p>The file is written under a temporary name in the same directory and renamed onto {@code file} by
 * {@link #close()}: a crash, a full disk or {@link #abort()} never leaves a partial {@code file}. If any
 * write failed, {@code close()} throws instead of committing. Note that {@code close()} at the end of a
 * try-with-resources block commits even when the block ended with an exception of the caller's own: call
 * {@link #abort()} first in that case if the output must not appear. Numbers are written as the shortest
 * exact decimal, in plain notation for ordinary magnitudes; NaN and infinities as empty cells.
 */
public final class ForecastCsvWriter implements AutoCloseable {
    private final CsvOut out;
    private final ForecastTable table;
    private long rows;

    /**
     * The long shape.
     *
     * @param file   the final path; parent directories are created; an existing file is replaced on close
     * @param levels interval levels in percent, each in (0, 100), no duplicates (null or empty: no interval columns)
     */
    public ForecastCsvWriter(Path file, double[] levels) throws IOException {
        this(file, new ForecastTable(ForecastTable.Shape.LONG, levels, List.of()));
    }

    public ForecastCsvWriter(Path file, ForecastTable table) throws IOException {
        Objects.requireNonNull(file, "file");
        this.table = Objects.requireNonNull(table, "table");
        this.out = new CsvOut(file, table.header().toArray(String[]::new));
    }

    /** The columns and row layout. */
    public ForecastTable table() {
        return table;
    }

    /**
     * Writes the rows of one series (its successful forecasts; see {@link ForecastTable#rows}).
     *
     * @throws IllegalArgumentException on mismatched shapes (nothing is written then)
     * @throws IOException when writing fails (the message names the file; the output is then abandoned)
     */
    public void write(String id, String[] ds, List<ModelForecast> forecasts) throws IOException {
        out.ensureOpen();
        for (String[] row : table.rows(id, ds, forecasts)) {
            copyRow(row);
        }
    }

    /**
     * Writes the rows of one series and model with an empty {@code model_spec}.
     *
     * @param lower lower bounds indexed {@code [level][step]}, or null when the model has no intervals (empty cells)
     */
    public void write(String id, String[] ds, String model, double[] mean, double[][] lower, double[][] upper)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mean, "mean");
        write(id, ds, List.of(new ModelForecast(model, "", "", "", null, mean, lower, upper)));
    }

    /** Writes a row as it was read from an earlier file of this kind (carried over by {@code --resume}). */
    public void copyRow(String... fields) throws IOException {
        out.row(fields);
        rows++;
    }

    /** Number of data rows written so far. */
    public long rowsWritten() {
        return rows;
    }

    /** The final path. */
    public Path file() {
        return out.target();
    }

    /** Formats a number as this writer does (shortest exact decimal; "" for NaN and infinities). */
    public static String formatNumber(double x) {
        return Numbers.format(x);
    }

    /** Abandons the output: the temporary file is deleted and {@code file} is not created or changed. */
    public void abort() {
        out.abort();
    }

    /** Commits: the complete file appears under its final name. No-op after abort or a previous close. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
