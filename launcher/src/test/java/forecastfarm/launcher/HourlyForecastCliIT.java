package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm forecast} on hourly date-times in a zone with daylight saving, end to end through the real farm.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HourlyForecastCliIT {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /**
     * Three series of 200 hours in London's wall time from 2020-03-25 00:00 GMT, through the change to summer time on
     * 2020-03-29 (no 01:xx that day); the last is 2020-04-02 08:00 BST. GAPPY misses one hour.
     */
    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        final Instant start = Instant.parse("2020-03-25T00:00:00Z");
        for (final String id : List.of("A", "B", "C", "GAPPY")) {
            for (int hour = 0; hour < 200; hour++) {
                if (id.equals("GAPPY") && hour == 50) {
                    continue;
                }
                final String ds = start.plusSeconds(3600L * hour).atZone(LONDON).format(WALL);
                csv.append(id)
                        .append(',')
                        .append(ds)
                        .append(',')
                        .append(100 + id.charAt(0) + 10 * Math.sin(2 * Math.PI * hour / 24))
                        .append('\n');
            }
        }
        return Files.writeString(tmp.resolve("hourly.csv"), csv);
    }

    @Test
    void hourlyForecastsContinueTheWallClockAndTheSummaryStatesZoneAndSeasons() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input().toString(),
                    "--horizon",
                    "24",
                    "--model",
                    "snaive",
                    "--time-zone",
                    "Europe/London",
                    "--workers",
                    "1",
                    "--plots",
                    "none",
                    "--farm-dir",
                    tmp.resolve("farm").toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        final String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, "one series (GAPPY) is invalid input; console:\n" + text);
        assertTrue(text.contains("season length: hourly, m=24,168 (3 series)"), text);
        assertTrue(
                text.contains("input problem: series GAPPY line 652: ds 2020-03-27 01:00:00 (line 651) is followed by"
                        + " 2020-03-27 03:00:00 (1 missing hourly period)"),
                text);

        final List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals(1 + 3 * 24, forecasts.size(), forecasts.toString());
        for (final String id : List.of("A", "B", "C")) {
            assertTrue(
                    forecasts.contains(forecasts.stream()
                            .filter(l -> l.startsWith(id + ",2020-04-02 09:00:00,1,snaive,"))
                            .findFirst()
                            .orElse("none for " + id)),
                    forecasts.toString());
            assertTrue(
                    forecasts.stream().anyMatch(l -> l.startsWith(id + ",2020-04-03 08:00:00,24,snaive,")),
                    forecasts.toString());
        }
        final List<String> failed = Files.readAllLines(out.resolve("failed.csv"));
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("GAPPY,INVALID,0,")), failed.toString());

        final ByteArrayOutputStream inspect = new ByteArrayOutputStream();
        assertEquals(
                0,
                FarmCli.execute(
                        new String[] {
                            "inspect", "--farm-dir", tmp.resolve("farm").toString(), "--id", "A"
                        },
                        new PrintStream(inspect, true, StandardCharsets.UTF_8)));
        assertTrue(
                inspect.toString(StandardCharsets.UTF_8).contains("[uses season 24 of 24,168]"),
                "snaive takes one season and says which: " + inspect);

        final JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("Europe/London", summary.get("time_zone").asText(), summary.toString());
        assertEquals(3, summary.get("seasons").get("hourly, m=24,168").asInt(), summary.toString());
    }

    /**
     * mstl through the real farm takes both inferred seasons: a daily and a weekly cycle over 8 weeks of hours is
     * continued to within a small error, while the seasonal naive at the first season (24) misses the weekly part;
     * mstl's model_spec names both seasons.
     */
    @Test
    void mstlUsesBothInferredSeasonsOfHourlyData() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        final Instant start = Instant.parse("2021-01-04T00:00:00Z");
        final int hours = 8 * 168;
        final int horizon = 48;
        final double[] future = new double[horizon];
        for (int hour = 0; hour < hours + horizon; hour++) {
            final double y = 100 + 10 * Math.sin(2 * Math.PI * hour / 24) + 6 * Math.sin(2 * Math.PI * hour / 168);
            if (hour >= hours) {
                future[hour - hours] = y;
                continue;
            }
            csv.append("H,")
                    .append(start.plusSeconds(3600L * hour)
                            .atZone(ZoneId.of("UTC"))
                            .format(WALL))
                    .append(',')
                    .append(y)
                    .append('\n');
        }
        final Path input = Files.writeString(tmp.resolve("two-seasons.csv"), csv);
        final Path out = tmp.resolve("out2");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input.toString(),
                    "--horizon",
                    Integer.toString(horizon),
                    "--model",
                    "mstl,snaive",
                    "--workers",
                    "1",
                    "--plots",
                    "none",
                    "--farm-dir",
                    tmp.resolve("farm2").toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        final String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.contains("season length: hourly, m=24,168 (1 series)"), text);
        final List<String> lines = Files.readAllLines(out.resolve("forecasts.csv"));
        final List<String> header = List.of(lines.get(0).split(","));
        final int stepCol = header.indexOf("step");
        final int modelCol = header.indexOf("model");
        final int forecastCol = header.indexOf("forecast");
        double mstlError = 0;
        double snaiveError = 0;
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            final int step = Integer.parseInt(cells[stepCol]);
            final double error = Math.abs(Double.parseDouble(cells[forecastCol]) - future[step - 1]);
            if (cells[modelCol].equals("mstl")) {
                mstlError = Math.max(mstlError, error);
                assertTrue(line.contains("MSTL(24,168)"), "mstl's spec names both seasons: " + line);
            } else {
                snaiveError = Math.max(snaiveError, error);
            }
        }
        assertTrue(mstlError < 0.5, "mstl continues both cycles, largest error " + mstlError);
        assertTrue(snaiveError > 2, "snaive at lag 24 misses the weekly cycle, largest error " + snaiveError);
    }
}
