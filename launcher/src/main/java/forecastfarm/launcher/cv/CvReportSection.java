package forecastfarm.launcher.cv;

import forecastfarm.launcher.report.Html;
import forecastfarm.launcher.report.PlotPolicy;
import java.util.List;
import java.util.Locale;

/**
 * report.html's cross-validation section: each model's mean scores and wins (a table), and its mean scaled error by
 * horizon step (an inline SVG line chart, so the page stays one file with no script of its own), and what the
 * series' plots show.
 */
final class CvReportSection {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int PAD = 44;

    private CvReportSection() {}

    /** @param plots which series have a plot, linked from the series table (said under the chart); null: not said. */
    static String render(final CvScoreboard board, final String windows, final PlotPolicy plots) {
        final StringBuilder h = new StringBuilder(4096);
        h.append("<section><h2>Cross-validation</h2><p>")
                .append(Html.esc(windows))
                .append("; means over the series where a score is defined; a win is the lowest MASE of a series.</p>")
                .append("<table class=\"kv\"><tr><th>model</th><th>series</th><th>wins</th>");
        for (final String name : board.scoreNames()) {
            h.append("<th>").append(Html.esc(name)).append("</th>");
        }
        h.append("</tr>\n");
        for (final String model : board.models()) {
            h.append("<tr><td>")
                    .append(Html.esc(model))
                    .append("</td><td>")
                    .append(board.series(model))
                    .append("</td><td>")
                    .append(board.wins(model))
                    .append("</td>");
            for (final double mean : board.means(model)) {
                h.append("<td>")
                        .append(Double.isFinite(mean) ? format(mean) : "")
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h3>Mean scaled error by horizon step</h3>\n");
        chart(h, board);
        if (plots == null) {
            return h.append("</section>\n").toString();
        }
        h.append("<h3>Plots of the windows</h3>\n<p>");
        if (plots.mode() == PlotPolicy.Mode.NONE) {
            h.append("none drawn (--plots none).");
        } else {
            h.append(
                            plots.mode() == PlotPolicy.Mode.FAILED
                                    ? "Only the failed series have a plot (--plots failed). "
                                    : "")
                    .append("Each plotted series' plot, plots/&lt;id&gt;.png, linked from the series table below,")
                    .append(" shows its actual values, every model's forecasts from each window's cutoff (the grey")
                    .append(" dashed lines), a model in the same colour in every window, and each model's MASE over")
                    .append(" the windows in the title.");
        }
        return h.append("</p>\n</section>\n").toString();
    }

    private static void chart(final StringBuilder h, final CvScoreboard board) {
        final List<String> models = board.models();
        double top = 0;
        int steps = 0;
        for (final String model : models) {
            final double[] byStep = board.byStep(model);
            steps = Math.max(steps, byStep.length);
            for (final double value : byStep) {
                top = Double.isFinite(value) ? Math.max(top, value) : top;
            }
        }
        if (steps == 0 || top <= 0) {
            h.append("<p>no scaled errors to draw (no series had a defined MASE)</p>\n");
            return;
        }
        h.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"mean"
                        + " scaled error by horizon step\">",
                WIDTH,
                HEIGHT));
        axes(h, top, steps);
        for (int m = 0; m < models.size(); m++) {
            final String colour = COLOURS[m % COLOURS.length];
            h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour)
                    .append("\" points=\"");
            final double[] byStep = board.byStep(models.get(m));
            for (int s = 0; s < byStep.length; s++) {
                if (Double.isFinite(byStep[s])) {
                    h.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s, steps), y(byStep[s], top)));
                }
            }
            h.append("\"/>");
            h.append(String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">",
                            WIDTH - PAD - 110,
                            PAD / 2 + 14 * (m + 1),
                            colour))
                    .append(Html.esc(models.get(m)))
                    .append("</text>");
        }
        h.append("</svg>\n");
    }

    private static void axes(final StringBuilder h, final double top, final int steps) {
        h.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                        + "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text><text x=\"4\" y=\"%d\" font-size=\"11\">0"
                        + "</text><text x=\"%d\" y=\"%d\" font-size=\"11\">step 1</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">step %d</text>",
                PAD,
                HEIGHT - PAD,
                WIDTH - PAD,
                HEIGHT - PAD,
                PAD,
                PAD / 2,
                PAD,
                HEIGHT - PAD,
                PAD / 2 + 4,
                format(top),
                HEIGHT - PAD,
                PAD,
                HEIGHT - PAD + 16,
                WIDTH - PAD,
                HEIGHT - PAD + 16,
                steps));
    }

    private static double x(final int step, final int steps) {
        return PAD + (steps == 1 ? 0 : (WIDTH - 2.0 * PAD) * step / (steps - 1));
    }

    private static double y(final double value, final double top) {
        return HEIGHT - PAD - (HEIGHT - 1.5 * PAD) * value / top;
    }

    static String format(final double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.4g", value);
    }
}
