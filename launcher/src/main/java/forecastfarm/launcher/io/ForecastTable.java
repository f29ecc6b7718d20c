package forecastfarm.launcher.io;

import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The columns and rows of {@code forecasts.csv} in either shape ({@code --output-shape}).
 *
 * <ul>
 *   <li><b>long</b> (default): {@code unique_id,ds,step,model,forecast}, then {@code lo-L,hi-L} for each level L,
 *       then {@code model_spec} (the fitted model as the worker describes it, e.g. {@code ETS(M,Ad,N)}); one row per
 *       series, model and step. {@code model_spec} is last so that readers counting columns keep working.
 *   <li><b>wide</b>: {@code unique_id,ds}, then for each model M in {@code --model} order {@code M}, {@code M-lo-L}
 *       for the levels from the widest down, {@code M-hi-L} from the narrowest up (the columns of statsforecast's
 *       {@code forecast()} DataFrame); one row per series and step; a model that failed for the series has empty
 *       cells. Values only: {@code model_spec} is in the long shape.
 * </ul>
 */
public final class ForecastTable {
    /** The column holding the fitted model's description (long shape). */
    public static final String MODEL_SPEC = "model_spec";

    /** {@code --output-shape}. */
    public enum Shape {
        LONG,
        WIDE;

        /** The option's default, as a user types it. */
        public static final String DEFAULT = "long";

        /**
         * @throws IllegalArgumentException naming the option and the allowed values.
         */
        public static Shape parse(final String text) {
            for (final Shape shape : values()) {
                if (shape.toString().equals(text)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("invalid --output-shape " + text + ": use long or wide");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Shape shape;
    private final double[] levels;
    private final List<String> models;
    private final List<String> header;

    /**
     * @param levels interval levels in percent, ascending, each in (0, 100), no duplicates (null: none).
     * @param models the models in {@code --model} order (the wide shape's column groups).
     */
    public ForecastTable(final Shape shape, final double[] levels, final List<String> models) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.levels = levels == null ? new double[0] : levels.clone();
        this.models = List.copyOf(models);
        for (int k = 0; k < this.levels.length; k++) {
            final double l = this.levels[k];
            if (!(l > 0 && l < 100)) {
                throw new IllegalArgumentException("level must be in (0, 100): " + l);
            }
            for (int j = 0; j < k; j++) {
                if (this.levels[j] == l) {
                    throw new IllegalArgumentException("duplicate level " + Numbers.format(l));
                }
            }
        }
        this.header = shape == Shape.LONG ? longHeader() : wideHeader();
    }

    public Shape shape() {
        return shape;
    }

    public List<String> header() {
        return header;
    }

    /**
     * @return {@code long} or {@code wide} for a header this class wrote, judged by its {@code model} column.
     */
    public static Shape shapeOf(final List<String> header) {
        return header.size() > 3 && header.get(3).equals("model") ? Shape.LONG : Shape.WIDE;
    }

    private List<String> longHeader() {
        final List<String> h = new ArrayList<>(List.of("unique_id", "ds", "step", "model", "forecast"));
        for (final double l : levels) {
            h.add("lo-" + Numbers.format(l));
            h.add("hi-" + Numbers.format(l));
        }
        h.add(MODEL_SPEC);
        return List.copyOf(h);
    }

    private List<String> wideHeader() {
        final List<String> h = new ArrayList<>(List.of("unique_id", "ds"));
        for (final String model : models) {
            h.add(model);
            for (int k = levels.length - 1; k >= 0; k--) {
                h.add(model + "-lo-" + Numbers.format(levels[k]));
            }
            for (final double l : levels) {
                h.add(model + "-hi-" + Numbers.format(l));
            }
        }
        return List.copyOf(h);
    }

    /**
     * The rows of one series: its successful forecasts (failed ones are skipped), in the given order for the long
     * shape, in {@code --model} order for the wide one. No rows when no forecast succeeded.
     *
     * @param ds labels of the forecast steps ({@link TimeAxis#future}), one per step.
     * @throws IllegalArgumentException on a forecast whose shape does not match ds and the levels.
     */
    public List<String[]> rows(final String id, final String[] ds, final List<ModelForecast> forecasts) {
        Objects.requireNonNull(id, "id");
        final List<ModelForecast> ok = new ArrayList<>();
        for (final ModelForecast f : forecasts) {
            if (f.ok()) {
                check(id, ds, f);
                ok.add(f);
            }
        }
        return shape == Shape.LONG ? longRows(id, ds, ok) : wideRows(id, ds, ok);
    }

    private List<String[]> longRows(final String id, final String[] ds, final List<ModelForecast> forecasts) {
        final List<String[]> rows = new ArrayList<>(forecasts.size() * ds.length);
        for (final ModelForecast f : forecasts) {
            for (int s = 0; s < ds.length; s++) {
                final String[] row = new String[header.size()];
                row[0] = id;
                row[1] = ds[s];
                row[2] = Integer.toString(s + 1);
                row[3] = f.model();
                row[4] = Numbers.format(f.mean()[s]);
                for (int k = 0; k < levels.length; k++) {
                    row[5 + 2 * k] = bound(f.lower(), k, s);
                    row[6 + 2 * k] = bound(f.upper(), k, s);
                }
                row[row.length - 1] = f.method();
                rows.add(row);
            }
        }
        return rows;
    }

    private List<String[]> wideRows(final String id, final String[] ds, final List<ModelForecast> forecasts) {
        if (forecasts.isEmpty()) {
            return List.of();
        }
        final List<String[]> rows = new ArrayList<>(ds.length);
        final int group = 1 + 2 * levels.length;
        for (int s = 0; s < ds.length; s++) {
            final String[] row = new String[header.size()];
            java.util.Arrays.fill(row, "");
            row[0] = id;
            row[1] = ds[s];
            for (final ModelForecast f : forecasts) {
                final int m = models.indexOf(f.model());
                if (m < 0) {
                    throw new IllegalArgumentException(
                            "series " + id + ": model " + f.model() + " is not one of " + String.join(",", models));
                }
                final int at = 2 + m * group;
                row[at] = Numbers.format(f.mean()[s]);
                for (int k = 0; k < levels.length; k++) {
                    row[at + levels.length - k] = bound(f.lower(), k, s);
                    row[at + levels.length + 1 + k] = bound(f.upper(), k, s);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static String bound(final double[][] bounds, final int level, final int step) {
        return bounds == null || bounds.length == 0 ? "" : Numbers.format(bounds[level][step]);
    }

    private void check(final String id, final String[] ds, final ModelForecast f) {
        final String where = "series " + id + ", model " + f.model() + ": ";
        if (f.mean().length != ds.length) {
            throw new IllegalArgumentException(where + ds.length + " ds labels for " + f.mean().length + " forecasts");
        }
        if ((f.lower() == null) != (f.upper() == null)) {
            throw new IllegalArgumentException(where + "lower and upper must both be given or both be null");
        }
        if (f.lower() != null && f.lower().length > 0) {
            checkShape(where, "lower", f.lower(), ds.length);
            checkShape(where, "upper", f.upper(), ds.length);
        }
    }

    private void checkShape(final String where, final String what, final double[][] b, final int h) {
        if (b.length != levels.length) {
            throw new IllegalArgumentException(
                    where + what + " has " + b.length + " levels, expected " + levels.length);
        }
        for (final double[] row : b) {
            if (row == null || row.length != h) {
                throw new IllegalArgumentException(where + what + " rows must have " + h + " steps");
            }
        }
    }
}
