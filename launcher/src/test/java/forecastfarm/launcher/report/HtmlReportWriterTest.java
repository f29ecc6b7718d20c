package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
    @TempDir
    Path out;

    static final List<String> NASTY_IDS = List.of(
            "AAPL",
            "<script>alert(1)</script>",
            "a/b c",
            "x\" onerror=\"alert(1)",
            "it's & <b>bold</b>",
            "日本/東京 #1?",
            "../../etc/passwd",
            "tab\there",
            "https://evil.example/x.png");

    @Test
    void everyIdIsEscapedEveryLinkResolvesAndNothingIsRemote() throws IOException {
        SeriesPlotWriter plots = new SeriesPlotWriter(out.resolve("plots"), 400, 200);
        List<ReportRow> rows = new ArrayList<>();
        for (int i = 0; i < NASTY_IDS.size(); i++) {
            String id = NASTY_IDS.get(i);
            double[] y = Synthetic.seasonal(60, 7, i);
            boolean failed = i % 3 == 2;
            SeriesPlotData data = failed
                    ? SeriesPlotData.failed(id, Synthetic.days(LocalDate.of(2024, 1, 1), 60), y, 7, "boom <&> " + id)
                    : SeriesPlotData.forecast(
                            id,
                            Synthetic.days(LocalDate.of(2024, 1, 1), 60),
                            y,
                            Synthetic.days(LocalDate.of(2024, 3, 1), 7),
                            Synthetic.models(y, 7, 7),
                            7);
            Path plot = plots.write(data);
            rows.add(new ReportRow(
                    id,
                    List.of("naive", "snaive", "drift"),
                    failed ? "FAILED" : "OK",
                    failed ? "boom <&> " + id : null,
                    1 + i % 2,
                    10.5 * i,
                    ReportRow.plotPath(out, plot)));
        }
        rows.add(new ReportRow("no plot <i>", List.of(), "NOT_RUN", "interrupted", 0, Double.NaN, null));
        Files.writeString(out.resolve("forecasts.csv"), "unique_id,ds,model,mean\n");
        Map<String, Object> summaryJson = new LinkedHashMap<>();
        summaryJson.put("tasks", rows.size());
        summaryJson.put("wall_seconds", 12.5);
        summaryJson.put("workers", 2);
        summaryJson.put("task_ms", Map.of("p50", 3.5));
        summaryJson.put("farm_dir", "/tmp/<farm>");

        Path file = new HtmlReportWriter(out).write(ReportSummary.fromSummaryJson(summaryJson), rows, "");

        assertEquals(out.resolve("report.html"), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        for (ReportRow r : rows) {
            assertTrue(html.contains(">" + Html.esc(r.id()) + "</td>"), "escaped id in the table: " + r.id());
        }
        assertFalse(html.contains("<script>alert"), "no raw script from an id");
        assertFalse(html.contains("<b>bold"), "no raw markup from an id");
        assertFalse(html.contains("\" onerror="), "no attribute injection");
        assertEquals(1, count(html, "<script>"), "only our own script");
        assertFalse(
                Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find(),
                "no remote resource");
        assertFalse(html.contains("@import") || html.contains("url("), "no remote CSS");

        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int plotLinks = 0;
        while (links.find()) {
            String target = URI.create(links.group(1).replace("&amp;", "&")).getPath();
            assertTrue(Files.exists(out.resolve(target)), "link resolves: " + links.group(1));
            assertTrue(out.resolve(target).normalize().startsWith(out), "link stays in the output dir: " + target);
            plotLinks += target.startsWith("plots/") && target.endsWith(".png") ? 1 : 0;
        }
        assertEquals(2 * NASTY_IDS.size(), plotLinks, "a thumbnail and a link per plotted series");
        assertEquals(NASTY_IDS.size(), count(html, "loading=\"lazy\""));
        assertTrue(html.contains("forecasts.csv"));
        assertFalse(html.contains("href=\"failed.csv\""), "missing outputs are not linked");
        assertTrue(html.contains("12.5 s"), "total time");
        assertTrue(html.contains("/tmp/&lt;farm&gt;"), "details are escaped");
        assertTrue(
                html.contains("script-src '" + HtmlReportWriter.sha256Base64(scriptOf(html)) + "'"),
                "the CSP allows exactly the inline script");
        try (var listing = Files.list(out)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void thousandsOfRowsMakeAPageOfModestSize() {
        List<ReportRow> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(new ReportRow(
                    "series-" + i,
                    List.of("ets", "theta"),
                    i % 50 == 0 ? "FAILED" : "OK",
                    i % 50 == 0 ? "ets: did not converge" : "",
                    1,
                    12.3,
                    i < 200 ? "plots/series-" + i + ".png" : null));
        }
        String html = new HtmlReportWriter(out)
                .render(new ReportSummary("t", 60, 4, Map.of()), rows, "", java.time.Instant.EPOCH);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("report.html with %d rows (200 with plots): %.2f MB%n", rows.size(), bytes / 1e6);
        assertTrue(bytes < 5_000_000, "under 500 bytes a row: " + bytes);
        assertEquals(200, count(html, "loading=\"lazy\""));
    }

    @Test
    void eachModelIsListedWithItsSpec() {
        List<ReportRow> rows = List.of(
                new ReportRow(
                        "AAL",
                        List.of("theta", "ets", "arima"),
                        "OK",
                        "",
                        1,
                        12.0,
                        null,
                        List.of("Theta", "ETS(M,N,N)", "ARIMA(0,1,1)(0,1,1)[12] <x>")),
                new ReportRow(
                        "BAD", List.of("ets", "arima"), "OK", "arima: failed", 1, 3.0, null, List.of("ETS(A,N,N)", "")),
                new ReportRow("OLD", List.of("ets"), "NOT_RUN", "", 0, Double.NaN, null));
        String html = new HtmlReportWriter(out)
                .render(new ReportSummary("t", 1, 1, Map.of()), rows, "", java.time.Instant.EPOCH);
        assertTrue(html.contains("<th>models: model_spec</th>"), "the column says what it lists");
        assertTrue(html.contains("<td>theta; ets: ETS(M,N,N); arima: ARIMA(0,1,1)(0,1,1)[12] &lt;x&gt;</td>"), html);
        assertTrue(html.contains("<td>ets: ETS(A,N,N); arima</td>"), "a failed model has no spec");
        assertTrue(html.contains("<td>ets</td>"), "a series not run has none");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new ReportRow("X", List.of("ets", "arima"), "OK", "", 1, 1, null, List.of("ETS(A,N,N)")));
        assertEquals("series X: 1 model specs for 2 models", e.getMessage());
    }

    private static String scriptOf(String html) {
        int start = html.indexOf("<script>") + "<script>".length();
        return html.substring(start, html.indexOf("</script>", start));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
