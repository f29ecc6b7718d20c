package forecastfarm.launcher.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes {@code forecasts.csv}: header {@code unique_id,ds,step,model,forecast} then {@code lo-L,hi-L} for
 * each level L (e.g. {@code lo-80,hi-80,lo-95,hi-95}); one row per series, model and step (1-based).
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
    private final double[] levels;
    private final String[] row;
    private long rows;

    /**
     * @param file   the final path; parent directories are created; an existing file is replaced on close
     * @param levels interval levels in percent, each in (0, 100), no duplicates (null or empty: no interval columns)
     */
    public ForecastCsvWriter(Path file, double[] levels) throws IOException {
        Objects.requireNonNull(file, "file");
        this.levels = levels == null ? new double[0] : levels.clone();
        String[] header = new String[5 + 2 * this.levels.length];
        header[0] = "unique_id";
        header[1] = "ds";
        header[2] = "step";
        header[3] = "model";
        header[4] = "forecast";
        for (int k = 0; k < this.levels.length; k++) {
            double l = this.levels[k];
            if (!(l > 0 && l < 100)) {
                throw new IllegalArgumentException("level must be in (0, 100): " + l);
            }
            for (int j = 0; j < k; j++) {
                if (this.levels[j] == l) {
                    throw new IllegalArgumentException("duplicate level " + Numbers.format(l));
                }
            }
            header[5 + 2 * k] = "lo-" + Numbers.format(l);
            header[6 + 2 * k] = "hi-" + Numbers.format(l);
        }
        this.row = new String[header.length];
        this.out = new CsvOut(file, header);
    }

    /**
     * Writes the rows of one series and model.
     *
     * @param ds    labels of the forecast steps ({@link TimeAxis#future}); same length as mean
     * @param mean  point forecasts, one per step
     * @param lower lower bounds indexed {@code [level][step]} in the order of the constructor's levels, or
     *              null when the model has no intervals (empty cells); must be null exactly when upper is
     * @param upper upper bounds, same shape as lower
     * @throws IllegalArgumentException on mismatched shapes (nothing is written then)
     * @throws IOException when writing fails (the message names the file; the output is then abandoned)
     */
    public void write(String id, String[] ds, String model, double[] mean, double[][] lower, double[][] upper)
            throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ds, "ds");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mean, "mean");
        out.ensureOpen();
        int h = mean.length;
        if (ds.length != h) {
            throw new IllegalArgumentException(
                    "series " + id + ", model " + model + ": " + ds.length + " ds labels for " + h + " forecasts");
        }
        if ((lower == null) != (upper == null)) {
            throw new IllegalArgumentException(
                    "series " + id + ", model " + model + ": lower and upper must both be given or both be null");
        }
        if (lower != null) {
            checkShape(id, model, "lower", lower, h);
            checkShape(id, model, "upper", upper, h);
        }
        for (int s = 0; s < h; s++) {
            row[0] = id;
            row[1] = ds[s];
            row[2] = Integer.toString(s + 1);
            row[3] = model;
            row[4] = Numbers.format(mean[s]);
            for (int k = 0; k < levels.length; k++) {
                row[5 + 2 * k] = lower == null ? "" : Numbers.format(lower[k][s]);
                row[6 + 2 * k] = upper == null ? "" : Numbers.format(upper[k][s]);
            }
            out.row(row);
            rows++;
        }
    }

    private void checkShape(String id, String model, String what, double[][] b, int h) {
        if (b.length != levels.length) {
            throw new IllegalArgumentException("series " + id + ", model " + model + ": " + what + " has " + b.length
                    + " levels, expected " + levels.length);
        }
        for (double[] row : b) {
            if (row == null || row.length != h) {
                throw new IllegalArgumentException(
                        "series " + id + ", model " + model + ": " + what + " rows must have " + h + " steps");
            }
        }
    }

    /** Number of data rows written so far. */
    /** Writes a row as it was read from an earlier file of this kind (carried over by {@code --resume}). */
    public void copyRow(String... fields) throws IOException {
        out.row(fields);
        rows++;
    }

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
