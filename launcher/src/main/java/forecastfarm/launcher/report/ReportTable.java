package forecastfarm.launcher.report;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The report's table of series: id, models with each one's fitted spec ({@code "ets: ETS(M,N,N)"}), status,
 * attempts, runtime, reason and a thumbnail linking to the plot; the controls above it (text and status filter,
 * "with plot only", pages) are run by {@link HtmlReportWriter}'s script.
 */
final class ReportTable {
    private ReportTable() {}

    /** Appends the table of {@code rows}, with its filter, status and paging controls. */
    static void append(StringBuilder h, List<ReportRow> rows) {
        TreeMap<String, Integer> statuses = new TreeMap<>();
        rows.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
        h.append("<section><h2>Series</h2>\n<div class=\"controls\">")
                .append("<input id=\"q\" type=\"search\" placeholder=\"filter: id, model, reason\"")
                .append(" aria-label=\"filter\">")
                .append("<select id=\"st\" aria-label=\"status\"><option value=\"\">all statuses</option>");
        statuses.forEach((s, n) -> h.append("<option value=\"")
                .append(Html.esc(s))
                .append("\">")
                .append(Html.esc(s))
                .append(" (")
                .append(n)
                .append(")</option>"));
        h.append("</select><label><input id=\"plotted\" type=\"checkbox\"> with plot only</label>")
                .append("<span class=\"pager\"><button id=\"prev\" type=\"button\">&larr;</button> <span id=\"info\">")
                .append(rows.size())
                .append(" series</span> <button id=\"next\" type=\"button\">&rarr;</button></span>")
                .append("</div>\n<table id=\"series\"><thead><tr>")
                .append(
                        "<th>#</th><th>id</th><th>models: model_spec</th><th>status</th><th>attempts</th><th>runtime ms</th>")
                .append("<th>reason</th><th>plot</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            String st = r.status();
            h.append("<tr data-status=\"")
                    .append(Html.esc(st))
                    .append("\"")
                    .append(r.plotFile() != null ? " data-plot" : "")
                    .append("><td data-v=\"")
                    .append(i + 1)
                    .append("\">")
                    .append(i + 1)
                    .append("</td><td class=\"id\">")
                    .append(Html.esc(r.id()))
                    .append("</td><td>")
                    .append(Html.esc(String.join("; ", r.modelsWithSpecs())))
                    .append("</td><td><span class=\"st ")
                    .append(statusClass(st))
                    .append("\">")
                    .append(Html.esc(st))
                    .append("</span></td><td data-v=\"")
                    .append(r.attempts())
                    .append("\">")
                    .append(r.attempts())
                    .append("</td><td data-v=\"")
                    .append(Double.isFinite(r.runtimeMs()) ? number(r.runtimeMs()) : "-1")
                    .append("\">")
                    .append(
                            Double.isFinite(r.runtimeMs())
                                    ? String.format(Locale.ROOT, "%.1f", r.runtimeMs())
                                    : "&ndash;")
                    .append("</td><td class=\"reason\">")
                    .append(Html.esc(r.reason()))
                    .append("</td><td>");
            if (r.plotFile() != null) {
                String href = Html.esc(Html.urlPath(r.plotFile()));
                h.append("<a href=\"")
                        .append(href)
                        .append("\"><img loading=\"lazy\" src=\"")
                        .append(href)
                        .append("\" width=\"200\" height=\"100\" alt=\"plot of ")
                        .append(Html.esc(r.id()))
                        .append("\"></a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private static String statusClass(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "OK" -> "ok";
            case "FAILED", "POISONED", "MODEL_FAILED" -> "bad";
            default -> "other";
        };
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
