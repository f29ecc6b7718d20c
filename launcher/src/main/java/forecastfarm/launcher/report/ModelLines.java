package forecastfarm.launcher.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How each model's mean forecast is drawn, so that models whose forecasts coincide (ets and arima both give a flat
 * line on a random walk) all stay visible: a colour, a dash pattern (solid, dashed, dotted, dash-dot, ...) and a
 * width per model, the widths decreasing in drawing order, so a later line drawn over an earlier one leaves the
 * earlier one's edges and the gaps of its own pattern showing it.
 *
 * <p>XChart draws a line segment by segment, each {@code draw} restarting the dash pattern, so a pattern longer
 * than a segment would come out solid. Where a forecast step is at least one pattern long on screen the line is
 * drawn so; where steps are shorter, the line is drawn as XChart's one smooth path (one pattern from end to end),
 * whose curves between points that close together stay within a pixel or two of the straight segments.
 */
final class ModelLines {
    /** The first model's colour is also its bands' colour. */
    static final Color[] COLORS = {
        new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x5f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
        new Color(0xc6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
        new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf),
    };

    /** Dash patterns in pixels, one per model in order; null is solid, a 0 dash is a dot (round caps). */
    private static final float[][] DASHES = {
        null, {5f, 3f}, {0f, 4.5f}, {7f, 3f, 0f, 3f}, {10f, 3f}, {2f, 2f}, {7f, 3f, 0f, 3f, 0f, 3f}, {12f, 3f, 4f, 3f},
    };

    /**
     * Markers for forecasts of one step, which have no line to draw: each one shows around the next drawn over it
     * (a square's corners around a diamond, ...).
     */
    private static final Marker[] MARKERS = {
        SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CIRCLE,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    /** Marker size in pixels for one-step forecasts. */
    static final int MARKER_SIZE = 12;

    /** Widths in pixels, decreasing: a line drawn later is narrower than the ones under it. */
    private static final float[] WIDTHS = {3.4f, 2.5f, 2.4f, 1.9f, 1.7f, 1.5f, 1.4f, 1.3f};

    private ModelLines() {}

    /**
     * A model's line.
     *
     * @param color  its colour
     * @param stroke its width and dash pattern
     * @param smooth whether XChart draws it as one path (steps shorter than its pattern), else segment by segment
     */
    record Style(Color color, BasicStroke stroke, boolean smooth) {}

    /**
     * The line of the {@code index}-th model drawn (from 0) where a forecast step is {@code stepPx} pixels wide.
     */
    static Style of(int index, double stepPx) {
        float width = WIDTHS[index % WIDTHS.length];
        float[] dash = DASHES[index % DASHES.length];
        Color color = COLORS[index % COLORS.length];
        if (dash == null) {
            return new Style(color, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND), false);
        }
        boolean dots = false;
        float period = 0;
        for (float d : dash) {
            period += d;
            dots |= d == 0f;
        }
        // Round caps make dots of dashes of length 0; they grow every dash by the width, so plain dashes get butt caps.
        int cap = dots ? BasicStroke.CAP_ROUND : BasicStroke.CAP_BUTT;
        BasicStroke stroke = new BasicStroke(width, cap, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
        return new Style(color, stroke, !(stepPx >= period));
    }

    /** The {@code index}-th model's marker, for a forecast of one step. */
    static Marker marker(int index) {
        return MARKERS[index % MARKERS.length];
    }

    /**
     * About how many pixels one forecast step takes in a plot area {@code plotWidthPx} wide: the forecast's mean
     * step over the span of all x values, times that width; 0 with fewer than two forecast steps. Without a forecast
     * after the history (forecasts from cutoffs inside it), the history's mean step.
     */
    static double stepPx(XAxis x, int plotWidthPx) {
        List<Object> future = x.futureX.isEmpty() ? x.historyX : x.futureX;
        int h = future.size();
        if (h < 2) {
            return 0;
        }
        double first = x.historyX.isEmpty() ? value(future.get(0)) : value(x.historyX.get(0));
        double span = value(future.get(h - 1)) - first;
        double step = (value(future.get(h - 1)) - value(future.get(0))) / (h - 1);
        return span > 0 ? Math.max(0, plotWidthPx) * step / span : 0;
    }

    private static double value(Object x) {
        return x instanceof Date d ? d.getTime() : ((Number) x).doubleValue();
    }
}
