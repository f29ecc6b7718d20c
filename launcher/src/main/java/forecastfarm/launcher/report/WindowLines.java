package forecastfarm.launcher.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * How {@link SeriesChart} draws forecasts made from cutoffs inside the history ({@link ForecastWindow}: the windows
 * of a cross-validation) over the actual values: each model in its own line style ({@link ModelLines}), the same in
 * every window, listed once in the legend by its name (its fitted spec may differ from window to window); each cutoff
 * as a thin grey dashed vertical line across the data; and the widest interval of the first model, in each window,
 * only when no two windows' forecasts overlap (with overlapping windows the bands cover each other and the actual
 * values, and which band is which window's can no longer be told), the actual values drawn again over the bands.
 */
final class WindowLines {
    static final String ACTUAL = "actual";
    static final String CUTOFF = "cutoff";
    private static final Color CUTOFF_COLOR = new Color(0x99, 0x99, 0x99);
    private static final BasicStroke CUTOFF_STROKE =
            new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 3f}, 0f);
    /** How much white the band's colour is blended with. */
    private static final double BAND_WHITE = 0.8;

    private WindowLines() {}

    /** The models drawn, by name, in order of first appearance over the windows; at most {@link SeriesChart#MAX_MODELS}. */
    static List<String> models(SeriesPlotData data) {
        List<String> names = new ArrayList<>();
        for (ForecastWindow w : data.windows()) {
            for (ModelBand m : w.models()) {
                if (!names.contains(m.model()) && names.size() < SeriesChart.MAX_MODELS) {
                    names.add(m.model());
                }
            }
        }
        return names;
    }

    /**
     * @return whether the first model's widest interval is drawn: it has one, and no window's forecasts reach the
     *     next window's (windows at least a horizon apart).
     */
    static boolean banded(SeriesPlotData data) {
        List<ForecastWindow> windows = new ArrayList<>(data.windows());
        windows.sort((a, b) -> Integer.compare(a.cutoff(), b.cutoff()));
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i - 1).cutoff() + windows.get(i - 1).steps()
                    > windows.get(i).cutoff()) {
                return false;
            }
        }
        return widest(data) != null;
    }

    /** The legend's entries after the actual values: the band (when drawn), the models, the cutoffs. */
    static List<String> legend(SeriesPlotData data) {
        List<String> entries = new ArrayList<>();
        ModelBand widest = banded(data) ? widest(data) : null;
        if (widest != null) {
            entries.add(SeriesChart.bandName(widest, widest.levels()[widestLevel(widest)]));
        }
        entries.addAll(models(data));
        entries.add(CUTOFF);
        return entries;
    }

    /**
     * Adds the windows to a chart whose history (its first series) shows the data's history from index
     * {@code from} on, at {@code x.historyX}.
     */
    static void draw(XYChart chart, XAxis x, SeriesPlotData data, int from, double stepPx) {
        List<String> models = models(data);
        double[] shown = Arrays.copyOfRange(data.history(), from, data.history().length);
        boolean banded = banded(data);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : shown) {
            lo = Double.isFinite(v) ? Math.min(lo, v) : lo;
            hi = Double.isFinite(v) ? Math.max(hi, v) : hi;
        }
        Set<String> listed = new HashSet<>();
        for (ForecastWindow w : data.windows()) {
            for (ModelBand m : w.models()) {
                boolean band = banded && m.model().equals(models.get(0)) && m.levels().length > 0;
                for (double v : m.mean()) {
                    lo = Double.isFinite(v) ? Math.min(lo, v) : lo;
                    hi = Double.isFinite(v) ? Math.max(hi, v) : hi;
                }
                if (band) {
                    int level = widestLevel(m);
                    XYSeries series = SeriesChart.band(
                            chart, steps(x, w, from), m, level, SeriesChart.blend(ModelLines.COLORS[0], BAND_WHITE));
                    unlistedAfterFirst(series, "band", listed);
                    for (int i = 0; i < m.mean().length; i++) {
                        lo = Double.isFinite(m.lower()[level][i]) ? Math.min(lo, m.lower()[level][i]) : lo;
                        hi = Double.isFinite(m.upper()[level][i]) ? Math.max(hi, m.upper()[level][i]) : hi;
                    }
                }
            }
        }
        if (banded) { // the actual values over the bands
            int first = data.history().length - 1 - data.windowSpan();
            int at = first - from;
            XYSeries actual = SeriesChart.line(
                    chart,
                    SeriesChart.legendName(chart, ACTUAL),
                    x.historyX.subList(at, shown.length),
                    Arrays.copyOfRange(shown, at, shown.length));
            SeriesChart.styleActual(actual);
            actual.setShowInLegend(false);
        }
        if (lo <= hi) {
            for (ForecastWindow w : data.windows()) {
                Object at = x.historyX.get(w.cutoff() - from);
                XYSeries cutoff = SeriesChart.line(
                        chart, SeriesChart.legendName(chart, CUTOFF), List.of(at, at), new double[] {lo, hi});
                cutoff.setLineColor(CUTOFF_COLOR);
                cutoff.setLineStyle(CUTOFF_STROKE);
                unlistedAfterFirst(cutoff, "cutoff", listed);
            }
        }
        for (ForecastWindow w : data.windows()) {
            for (ModelBand m : w.models()) {
                int index = models.indexOf(m.model());
                if (index >= 0) {
                    XYSeries mean = SeriesChart.mean(chart, m.model(), steps(x, w, from), m.mean(), index, stepPx);
                    unlistedAfterFirst(mean, "model " + m.model(), listed);
                }
            }
        }
    }

    /** The x values of a window's steps: the history's after its cutoff. */
    private static List<Object> steps(XAxis x, ForecastWindow w, int from) {
        return x.historyX.subList(w.cutoff() - from + 1, w.cutoff() - from + 1 + w.steps());
    }

    /** Keeps a series in the legend only as the first of its kind ({@code key}): "theta", not "theta (2)". */
    private static void unlistedAfterFirst(XYSeries series, String key, Set<String> listed) {
        if (series != null) {
            series.setShowInLegend(listed.add(key));
        }
    }

    /** The first model's forecast in the first window that has it with intervals, or null. */
    private static ModelBand widest(SeriesPlotData data) {
        List<String> models = models(data);
        for (ForecastWindow w : data.windows()) {
            for (ModelBand m : w.models()) {
                if (!models.isEmpty() && m.model().equals(models.get(0)) && m.levels().length > 0) {
                    return m;
                }
            }
        }
        return null;
    }

    private static int widestLevel(ModelBand m) {
        return SeriesChart.levelsWidestFirst(m.levels())[0];
    }
}
