package forecastfarm.launcher.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of one series, as {@link SeriesPlotWriter} draws it (XChart).
 *
 * <p>What it shows: the last {@code max(3*h, 2*season, }{@value #MIN_WINDOW}{@code )} observations (all of them if
 * fewer), then every model's mean forecast (models overlaid, in the given order, at most {@value #MAX_MODELS}), each
 * in its own colour, dash pattern and width ({@link ModelLines}: forecasts that coincide stay visible), and the
 * intervals of the <em>first</em> model only, one shaded band per level, the widest drawn first and lightest (bands
 * of several models on top of each other are unreadable). The legend names each model with its fitted spec
 * ("ets: ETS(M,N,N)"); the y axis is titled with the value column's name when known. The title is the id and the
 * model names, in a font that can draw the id ({@link PlotFonts}), else with the id's sanitised file name stem. A
 * failed series shows its history and the reason in a box. Forecasts made from cutoffs inside the history
 * (cross-validation's windows) are drawn over it instead, by {@link WindowLines}, with the caption as the title's
 * text after the id.
 */
final class SeriesChart {
    /** Fewest observations shown when the history has them. */
    public static final int MIN_WINDOW = 120;

    /** Fewest observations a plot of cross-validation windows shows when the history has them. */
    static final int MIN_WINDOWS_WINDOW = 60;

    static final int MAX_MODELS = 8;
    private static final int MAX_TITLE = 90;
    /** Longest model spec in the legend, in characters. */
    static final int MAX_SPEC = 40;
    /** Pixels of a plot's width that are not plot area (y axis labels and title, padding), roughly. */
    private static final int NON_PLOT_WIDTH = 110;

    private static final Color HISTORY = new Color(0x33, 0x33, 0x33);
    static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final FontRenderContext FONT_CONTEXT = new FontRenderContext(null, true, true);

    private final int width;
    private final int height;

    SeriesChart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Number of history points a plot shows. */
    static int window(int historyLength, int horizon, int seasonLength) {
        return Math.min(historyLength, Math.max(MIN_WINDOW, Math.max(3 * horizon, 2 * Math.max(1, seasonLength))));
    }

    /**
     * Number of history points a plot of forecasts from cutoffs inside it shows: the {@code span} points after the
     * earliest cutoff and, before them, twice as many or two seasons, at least {@value #MIN_WINDOWS_WINDOW} points in
     * all (all of them if fewer), so that the windows take a third of the width or more and stay readable.
     */
    static int windowsWindow(int historyLength, int span, int seasonLength) {
        return Math.min(historyLength, Math.max(MIN_WINDOWS_WINDOW, span + Math.max(2 * span, 2 * seasonLength)));
    }

    XYChart build(SeriesPlotData data) {
        boolean windows = !data.windows().isEmpty();
        List<ModelBand> models = windows
                ? List.of()
                : data.models().subList(0, Math.min(MAX_MODELS, data.models().size()));
        int h = data.horizon();
        int n = windows
                ? windowsWindow(data.history().length, data.windowSpan(), data.seasonLength())
                : window(data.history().length, h, data.seasonLength());
        int from = data.history().length - n;
        String[] ds = data.historyDs() == null ? null : Arrays.copyOfRange(data.historyDs(), from, from + n);
        XAxis x = XAxis.of(ds, n, data.futureDs(), h);

        XYChart chart = new XYChart(width, height);
        XYStyler s = chart.getStyler();
        style(s, x);
        PlotFonts.Fitted title = PlotFonts.SYSTEM.fit(
                title(data.id(), data, models),
                TITLE_FONT,
                () -> title(PlotFileNames.baseName(data.id()), data, models));
        chart.setTitle(title.text());
        s.setChartTitleFont(title.font());
        if (x.kind == XAxis.Kind.STEPS) {
            chart.setXAxisTitle("steps from the last observation");
        }
        if (data.valueName() != null) {
            PlotFonts.Fitted y =
                    PlotFonts.SYSTEM.fit(data.valueName(), BASE_FONT, () -> PlotFileNames.baseName(data.valueName()));
            chart.setYAxisTitle(y.text());
            s.setAxisTitleFont(y.font());
            s.setYAxisTitleVisible(true);
        }
        List<String> legends = new ArrayList<>();
        models.forEach(m -> legends.add(m.legend(MAX_SPEC)));
        List<String> entries = new ArrayList<>();
        entries.add(windows ? WindowLines.ACTUAL : "history");
        if (windows) {
            entries.addAll(WindowLines.legend(data));
        } else if (!models.isEmpty()) {
            ModelBand first = models.get(0);
            for (double level : first.levels()) {
                entries.add(bandName(first, level));
            }
        }
        entries.addAll(legends);
        int plotWidthPx = legendLayout(s, entries);

        // Drawn (and listed in the legend) in this order: history, bands (widest first), means. History first is
        // also what keeps XChart from hanging: with a tick label function it gathers the x values of all series
        // in the order they were added, and when that order was not increasing (bands added before the history)
        // its tick search never ended on an 8-point labelled axis. Every series here runs forward in x after the
        // history (or, for windows, lies on the history's x values), so the gathered values stay increasing.
        if (n > 0) {
            line(chart, entries.get(0), x.historyX, Arrays.copyOfRange(data.history(), from, from + n));
            styleActual(chart.getSeriesMap().get(entries.get(0)));
        }
        double stepPx = ModelLines.stepPx(x, plotWidthPx);
        if (windows) {
            WindowLines.draw(chart, x, data, from, stepPx);
        }
        if (!models.isEmpty()) {
            ModelBand first = models.get(0);
            Integer[] order = levelsWidestFirst(first.levels());
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                // Wider levels lighter: blend the model colour with white, less for narrower levels.
                double white = order.length == 1 ? 0.75 : 0.85 - 0.25 * k / (order.length - 1);
                band(chart, x.futureX, first, i, blend(ModelLines.COLORS[0], white));
            }
        }
        for (int m = 0; m < models.size(); m++) {
            ModelBand model = models.get(m);
            mean(chart, legends.get(m), x.futureX, model.mean(), m, stepPx);
        }
        if (data.failure() != null) {
            failureBox(chart, data.failure(), Arrays.copyOfRange(data.history(), from, from + n));
        }
        return chart;
    }

    /** The observed values' line: dark grey, rounded. */
    static void styleActual(XYSeries series) {
        series.setLineColor(HISTORY);
        series.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /**
     * The mean forecast of the {@code m}-th model, at {@code xs} (as many as its steps), in the model's line style
     * ({@link ModelLines}); a forecast of one step gets the model's marker. Nothing for an empty forecast.
     *
     * @return the series drawn, or null
     */
    static XYSeries mean(XYChart chart, String name, List<Object> xs, double[] mean, int m, double stepPx) {
        int steps = mean.length;
        if (steps == 0) {
            return null;
        }
        ModelLines.Style style = ModelLines.of(m, stepPx);
        XYSeries series = line(chart, legendName(chart, name), xs.subList(0, steps), mean);
        series.setLineColor(style.color());
        series.setLineStyle(style.stroke());
        series.setSmooth(style.smooth());
        if (steps == 1) { // a single point draws no line
            chart.getStyler().setMarkerSize(ModelLines.MARKER_SIZE);
            series.setMarker(ModelLines.marker(m));
            series.setMarkerColor(style.color());
        }
        return series;
    }

    /**
     * The legend below the plot in one row when it fits the width, else (long model specs, many models) in a
     * column right of the plot.
     *
     * @return about how wide the plot area is, in pixels
     */
    private int legendLayout(XYStyler s, List<String> entries) {
        int pad = s.getLegendPadding();
        double row = pad;
        double column = 0;
        for (String e : entries) {
            double text = BASE_FONT.getStringBounds(e, FONT_CONTEXT).getWidth();
            row += s.getLegendSeriesLineLength() + pad + text + pad + pad;
            column = Math.max(column, s.getLegendSeriesLineLength() + pad + text + 2 * pad);
        }
        if (row <= width - 2 * s.getChartPadding()) {
            return width - NON_PLOT_WIDTH;
        }
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        return width - NON_PLOT_WIDTH - (int) column;
    }

    private void style(XYStyler s, XAxis x) {
        s.setBaseFont(BASE_FONT);
        s.setAxisTitleFont(BASE_FONT);
        s.setAxisTickLabelsFont(BASE_FONT);
        s.setLegendFont(BASE_FONT);
        s.setAnnotationTextPanelFont(BASE_FONT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xbb, 0xbb, 0xbb));
        s.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(10);
        s.setChartPadding(8);
        s.setPlotMargin(4);
        s.setXAxisTitleVisible(x.kind == XAxis.Kind.STEPS);
        s.setYAxisTitleVisible(false);
        s.setMarkerSize(0);
        s.setLocale(Locale.ROOT);
        s.setTimezone(TimeZone.getTimeZone("UTC"));
        s.setXAxisTickMarkSpacingHint(90);
        s.setYAxisDecimalPattern("#,##0.###");
        if (x.datePattern != null) {
            s.setDatePattern(x.datePattern);
        }
        if (x.tickLabels != null) {
            s.setxAxisTickLabelsFormattingFunction(x.tickLabels);
        }
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    static XYSeries line(XYChart chart, String name, List<Object> xs, double[] y) {
        XYSeries series = chart.addSeries(name, xs, boxed(y, 0, xs.size()));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /**
     * The interval of one level as a closed polygon, upper bounds forward, lower bounds back, at {@code xs} (as many
     * as the model's steps).
     *
     * @return the series drawn, or null where fewer than three bounds are finite
     */
    static XYSeries band(XYChart chart, List<Object> xs, ModelBand model, int level, Color fill) {
        int steps = model.mean().length;
        double[] lo = model.lower()[level];
        double[] hi = model.upper()[level];
        List<Object> px = new ArrayList<>(2 * steps);
        List<Double> ys = new ArrayList<>(2 * steps);
        for (int i = 0; i < steps; i++) {
            if (Double.isFinite(hi[i])) {
                px.add(xs.get(i));
                ys.add(hi[i]);
            }
        }
        for (int i = steps - 1; i >= 0; i--) {
            if (Double.isFinite(lo[i])) {
                px.add(xs.get(i));
                ys.add(lo[i]);
            }
        }
        if (px.size() < 3) {
            return null;
        }
        XYSeries series = chart.addSeries(legendName(chart, bandName(model, model.levels()[level])), px, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(fill);
        series.setLineStyle(new BasicStroke(0.5f));
        return series;
    }

    /** A band's legend entry: "ets 95%". */
    static String bandName(ModelBand model, double level) {
        return model.model() + " " + formatLevel(level) + "%";
    }

    /** The reason in a box at the top, over headroom made above the data so that it hides none of it. */
    private void failureBox(XYChart chart, String reason, double[] shown) {
        List<String> lines = TextWrap.wrap(
                "failed: " + (reason.isBlank() ? "(no reason given)" : reason), Math.max(40, width / 9), 4);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : shown) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo <= hi) {
            double range = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
            chart.getStyler().setYAxisMin(lo - 0.05 * range);
            chart.getStyler().setYAxisMax(hi + range * (0.15 + 0.09 * lines.size()));
        }
        // Screen coordinates, y from the bottom to the panel's bottom edge: just under the title, ~17 px a line.
        String text = String.join("\n", lines);
        PlotFonts.Fitted fitted =
                PlotFonts.SYSTEM.fit(text, BASE_FONT, () -> PlotFonts.replaceMissing(text, BASE_FONT));
        chart.getStyler().setAnnotationTextPanelFont(fitted.font());
        AnnotationTextPanel panel =
                new AnnotationTextPanel(fitted.text(), 60, height - 48 - 17 * lines.size() - 10, true);
        chart.addAnnotation(panel);
        chart.getStyler().setAnnotationTextPanelFontColor(new Color(0x99, 0x1b, 0x1b));
        chart.getStyler().setAnnotationTextPanelBackgroundColor(new Color(0xff, 0xf1, 0xf1, 230));
        chart.getStyler().setAnnotationTextPanelBorderColor(new Color(0xd0, 0x80, 0x80));
    }

    /** "id  —  models", cut to {@value #MAX_TITLE} characters; {@code id} is the series id or a stand-in. */
    private static String title(String id, SeriesPlotData data, List<ModelBand> models) {
        String what;
        if (data.caption() != null) {
            what = data.caption();
        } else if (data.failure() != null) {
            what = "failed";
        } else if (models.isEmpty()) {
            what = "history";
        } else {
            List<String> names = new ArrayList<>();
            models.forEach(m -> names.add(m.model()));
            what = String.join(", ", names);
            if (data.models().size() > models.size()) {
                what += " (+" + (data.models().size() - models.size()) + " more)";
            }
        }
        String t = id.replaceAll("\\p{Cntrl}", " ") + "  \u2014  " + what;
        return t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 1) + "…";
    }

    /** XChart needs unique series names; a model asked for twice gets a suffix. */
    static String legendName(XYChart chart, String wanted) {
        String name = wanted;
        for (int k = 2; chart.getSeriesMap().containsKey(name); k++) {
            name = wanted + " (" + k + ")";
        }
        return name;
    }

    static Integer[] levelsWidestFirst(double[] levels) {
        Integer[] order = new Integer[levels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(levels[b], levels[a]));
        return order;
    }

    private static String formatLevel(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    static Color blend(Color c, double white) {
        return new Color(mix(c.getRed(), white), mix(c.getGreen(), white), mix(c.getBlue(), white));
    }

    private static int mix(int channel, double white) {
        return (int) Math.round(channel * (1 - white) + 255 * white);
    }

    private static List<Double> boxed(double[] y, int from, int count) {
        List<Double> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double v = y[from + i];
            out.add(Double.isFinite(v) ? v : Double.NaN);
        }
        return out;
    }
}
