package forecastfarm.launcher.report;

import forecastfarm.launcher.io.AtomicWrites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes {@code report.html}: one self-contained page readable offline (inline CSS and a small inline script, no
 * external resource). It shows the summary (series per status, success rate, wall time, time per series,
 * where the outputs are), a table of every series ({@link ReportTable}: id, models with their model_spec, status,
 * attempts, runtime, reason, thumbnail linking to its plot) that is sortable by any column, filterable by text and
 * status, and paginated, and the run's details. All text is escaped; a Content-Security-Policy allows only the page's own script (by hash),
 * its styles and local images. Without JavaScript the table shows every row, unsorted.
 *
 * <p>Thousands of rows stay usable: rows are plain HTML shown 100 per page, and thumbnails are
 * {@code loading="lazy"} images of the plot files themselves (only rows with a plot have one).
 */
public final class HtmlReportWriter {
    /** The report's file name inside the output directory. */
    public static final String FILE_NAME = "report.html";
    /** Output files linked from the summary when they exist next to the report. */
    static final List<String> OUTPUTS = List.of(
            "forecasts.csv",
            "forecasts.parquet",
            "cv.csv",
            "cv_metrics.csv",
            "failed.csv",
            "joblog.tsv",
            "summary.json");

    private final Path outDir;

    /** @param outDir the directory of the job's outputs; the report is written there and links relative to it */
    public HtmlReportWriter(Path outDir) {
        this.outDir = Objects.requireNonNull(outDir, "outDir");
    }

    /**
     * Writes {@code outDir/report.html} atomically (temporary file, then rename).
     *
     * @param rows the series in the order to show them first
     * @param section HTML shown after the summary cards, every text in it escaped ({@link Html#esc}); empty for none
     * @return the written file
     * @throws IOException naming the file when it cannot be written
     */
    public Path write(ReportSummary summary, List<ReportRow> rows, String section) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        byte[] html = render(summary, rows, section, Instant.now()).getBytes(StandardCharsets.UTF_8);
        AtomicWrites.write(file, out -> out.write(html));
        return file;
    }

    /** The page's text. */
    String render(ReportSummary summary, List<ReportRow> rows, String section, Instant generated) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(rows, "rows");
        StringBuilder h = new StringBuilder(4096 + rows.size() * 400);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src 'self' file: data:; style-src 'unsafe-inline'; script-src '")
                .append(sha256Base64(SCRIPT))
                .append("'\">\n")
                .append("<title>")
                .append(Html.esc(summary.title()))
                .append("</title>\n")
                .append("<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>")
                .append(Html.esc(summary.title()))
                .append("</h1><p class=\"sub\">generated ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                        .format(generated.atOffset(ZoneOffset.UTC)))
                .append(" &middot; outputs in <code>")
                .append(Html.esc(outDir.toAbsolutePath().normalize().toString()))
                .append("</code></p></header>\n");
        cards(h, summary, rows);
        h.append(section);
        outputs(h, rows);
        ReportTable.append(h, rows);
        details(h, summary);
        h.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void cards(StringBuilder h, ReportSummary summary, List<ReportRow> rows) {
        Map<String, Integer> byStatus = new TreeMap<>();
        double runtimeSum = 0;
        int runtimeCount = 0;
        int ok = 0;
        for (ReportRow r : rows) {
            byStatus.merge(r.status().toUpperCase(Locale.ROOT), 1, Integer::sum);
            ok += r.ok() ? 1 : 0;
            if (Double.isFinite(r.runtimeMs())) {
                runtimeSum += r.runtimeMs();
                runtimeCount++;
            }
        }
        h.append("<section class=\"cards\">\n");
        card(h, String.format(Locale.ROOT, "%,d", rows.size()), "series", "");
        card(h, String.format(Locale.ROOT, "%,d", ok), "ok", "ok");
        for (Map.Entry<String, Integer> e : byStatus.entrySet()) {
            if (!e.getKey().equals("OK")) {
                card(
                        h,
                        String.format(Locale.ROOT, "%,d", e.getValue()),
                        e.getKey().toLowerCase(Locale.ROOT),
                        "bad");
            }
        }
        card(
                h,
                rows.isEmpty() ? "&ndash;" : String.format(Locale.ROOT, "%.1f%%", 100.0 * ok / rows.size()),
                "success rate",
                ok == rows.size() ? "ok" : "");
        card(
                h,
                Double.isFinite(summary.wallSeconds()) ? duration(summary.wallSeconds()) : "&ndash;",
                "total time"
                        + (summary.workers() > 0
                                ? " on " + summary.workers() + " worker" + (summary.workers() == 1 ? "" : "s")
                                : ""),
                "");
        card(
                h,
                Double.isFinite(summary.wallSeconds()) && !rows.isEmpty()
                        ? ms(summary.wallSeconds() * 1000 / rows.size())
                        : "&ndash;",
                "wall time per series",
                "");
        card(h, runtimeCount > 0 ? ms(runtimeSum / runtimeCount) : "&ndash;", "mean task time per series", "");
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String value, String label, String cls) {
        h.append("<div class=\"card ")
                .append(cls)
                .append("\"><div class=\"v\">")
                .append(value)
                .append("</div><div class=\"k\">")
                .append(Html.esc(label))
                .append("</div></div>\n");
    }

    private void outputs(StringBuilder h, List<ReportRow> rows) {
        h.append("<section><h2>Outputs</h2><ul class=\"outputs\">\n");
        for (String name : OUTPUTS) {
            Path p = outDir.resolve(name);
            if (Files.isRegularFile(p)) {
                h.append("<li><a href=\"")
                        .append(Html.esc(Html.urlPath(name)))
                        .append("\">")
                        .append(name)
                        .append("</a> <span class=\"muted\">")
                        .append(size(p))
                        .append("</span></li>\n");
            }
        }
        long plots = rows.stream().filter(r -> r.plotFile() != null).count();
        String plotDir = rows.stream()
                .filter(r -> r.plotFile() != null)
                .map(r -> r.plotFile())
                .map(f -> f.contains("/") ? f.substring(0, f.lastIndexOf('/') + 1) : "")
                .findFirst()
                .orElse(null);
        if (plots > 0 && plotDir != null && !plotDir.isEmpty()) {
            h.append("<li><a href=\"")
                    .append(Html.esc(Html.urlPath(plotDir)))
                    .append("\">")
                    .append(Html.esc(plotDir))
                    .append("</a> <span class=\"muted\">")
                    .append(plots)
                    .append(" plot")
                    .append(plots == 1 ? "" : "s")
                    .append("</span></li>\n");
        } else if (plots == 0) {
            h.append("<li class=\"muted\">no plots (see --plots)</li>\n");
        }
        h.append("</ul></section>\n");
    }

    private static void details(StringBuilder h, ReportSummary summary) {
        if (summary.details().isEmpty()) {
            return;
        }
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        flatten("", summary.details(), flat);
        h.append("<section><details><summary>Run details</summary><table class=\"kv\">\n");
        flat.forEach((k, v) -> h.append("<tr><th>")
                .append(Html.esc(k))
                .append("</th><td>")
                .append(Html.esc(String.valueOf(v)))
                .append("</td></tr>\n"));
        h.append("</table></details></section>\n");
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(key + ".", m, out);
            } else if (e.getValue() != null) {
                out.put(key, e.getValue() instanceof Object[] a ? Arrays.toString(a) : e.getValue());
            }
        }
    }

    private static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }

    private static String size(Path p) {
        try {
            long b = Files.size(p);
            return b >= 1 << 20
                    ? String.format(Locale.ROOT, "%.1f MB", b / 1048576.0)
                    : b >= 1024 ? String.format(Locale.ROOT, "%.1f kB", b / 1024.0) : b + " B";
        } catch (IOException e) {
            return "";
        }
    }

    static String sha256Base64(String text) {
        try {
            return "sha256-"
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 24px 40px;\
            color:#222;background:#fafafa}
            h1{font-size:22px;margin:20px 0 2px}h2{font-size:17px;margin:22px 0 8px}
            .sub,.muted{color:#666}
            code{font-size:13px;background:#eee;padding:1px 4px;border-radius:3px;word-break:break-all}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
            .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
            .card .v{font-size:22px;font-weight:600}.card .k{color:#666;font-size:12px}
            .card.ok .v{color:#1b7f3b}.card.bad .v{color:#b3261e}
            .outputs{margin:0;padding-left:20px}
            .controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:8px}
            .controls input[type=search]{padding:5px 8px;min-width:260px;border:1px solid #bbb;border-radius:4px}
            .controls select,.controls button{padding:4px 8px}.pager{margin-left:auto}
            table{border-collapse:collapse;background:#fff}
            #series{width:100%}
            #series th,#series td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:middle}
            #series thead th{position:sticky;top:0;background:#f0f0f0;cursor:pointer;user-select:none;\
            white-space:nowrap}
            #series thead th[aria-sort=ascending]::after{content:" \\25B2"}
            #series thead th[aria-sort=descending]::after{content:" \\25BC"}
            #series td[data-v]{text-align:right;font-variant-numeric:tabular-nums}
            #series td.id{font-weight:600;word-break:break-all;max-width:260px}
            #series td.reason{color:#7a1f1f;font-size:12px;max-width:420px;word-break:break-word}
            #series img{display:block;border:1px solid #ddd;background:#fff}
            #series tr:hover td{background:#f6f9ff}
            .st{padding:1px 6px;border-radius:3px;font-size:12px;font-weight:600;background:#eee;color:#444}
            .st.ok{background:#e3f4e8;color:#1b7f3b}.st.bad{background:#fde7e7;color:#b3261e}
            .kv th{text-align:left;padding:2px 12px 2px 0;font-weight:600}.kv td{padding:2px 0}
            details summary{cursor:pointer;font-weight:600;font-size:15px;margin-top:18px}
            """;

    /** Sorting (click a header; numbers by data-v), filtering and pagination; the CSP allows it by its hash. */
    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('series'), body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows), shown = rows, page = 0, size = 100;
              var q = document.getElementById('q'), st = document.getElementById('st');
              var plotted = document.getElementById('plotted'), info = document.getElementById('info');
              function key(r, i) {
                var c = r.cells[i];
                return c.hasAttribute('data-v') ? parseFloat(c.getAttribute('data-v')) : c.textContent.toLowerCase();
              }
              function show() {
                var f = q.value.toLowerCase(), s = st.value, p = plotted.checked;
                shown = rows.filter(function (r) {
                  return (!s || r.getAttribute('data-status') === s) && (!p || r.hasAttribute('data-plot')) &&
                    (!f || r.textContent.toLowerCase().indexOf(f) >= 0);
                });
                var pages = Math.max(1, Math.ceil(shown.length / size));
                page = Math.min(Math.max(page, 0), pages - 1);
                var frag = document.createDocumentFragment();
                rows.forEach(function (r) { r.hidden = true; frag.appendChild(r); });
                body.appendChild(frag);
                shown.slice(page * size, (page + 1) * size).forEach(function (r) {
                  body.appendChild(r);
                  r.hidden = false;
                });
                info.textContent = shown.length === 0 ? 'no series' : (page * size + 1) + '\\u2013' +
                  Math.min(shown.length, (page + 1) * size) + ' of ' + shown.length + ' series (page ' + (page + 1) +
                  '/' + pages + ')';
              }
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
                th.addEventListener('click', function () {
                  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                  Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
                  rows.sort(function (a, b) {
                    var x = key(a, i), y = key(b, i);
                    return (x < y ? -1 : x > y ? 1 : key(a, 0) - key(b, 0)) * dir;
                  });
                  page = 0; show();
                });
              });
              q.addEventListener('input', function () { page = 0; show(); });
              st.addEventListener('change', function () { page = 0; show(); });
              plotted.addEventListener('change', function () { page = 0; show(); });
              document.getElementById('prev').addEventListener('click', function () { page--; show(); });
              document.getElementById('next').addEventListener('click', function () { page++; show(); });
              show();
            })();
            """;
}
