package forecastfarm.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code farm forecast} end to end through the real farm: the output contract and the exit code.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForecastCliIT
{
    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath()
    {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private Path input() throws Exception
    {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        LocalDate day = LocalDate.of(2018, 7, 2); // a Monday
        for (int i = 0; i < 30; i++)
        {
            csv.append("STOCK,").append(day).append(',').append(100 + i % 7).append('\n');
            day = day.plusDays(day.getDayOfWeek().getValue() == 5 ? 3 : 1);
        }
        for (int i = 1; i <= 30; i++)
        {
            csv.append("SALES,").append(i).append(',').append(10 * i).append('\n');
        }
        csv.append("BAD,1,5\nBAD,2,abc\nBAD,3,7\n");
        csv.append("SHORT,1,5\n");
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void forecastsEveryGoodSeriesAndReportsTheRest() throws Exception
    {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(new String[]{"forecast", "--input", input().toString(), "--horizon", "5",
            "--model", "naive,drift", "--workers", "2", "--farm-dir", tmp.resolve("farm").toString(),
            "--out", out.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(2, exit, "one invalid and one failed series; console:\n" + console);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("2 ok, 1 failed"), console.toString());
        final List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals("unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95", forecasts.get(0));
        assertEquals(1 + 2 * 5 * 2, forecasts.size(), "2 series x 5 steps x 2 models");
        // 30 business days from Monday 2018-07-02 end on Friday 2018-08-10; the forecast skips the weekend.
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("STOCK,2018-08-13,1,naive,")), forecasts.toString());
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("STOCK,2018-08-17,5,naive,")), forecasts.toString());
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("SALES,31,1,drift,310,")), forecasts.toString());

        final List<String> failed = Files.readAllLines(out.resolve("failed.csv"));
        assertEquals("unique_id,status,attempts,reason", failed.get(0));
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("BAD,INVALID,0,") && l.contains("abc")), failed.toString());
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("SHORT,FAILED,1,")), failed.toString());

        final JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (final String key : List.of("tasks", "ok", "failed", "poisoned", "resumed", "retries", "worker_restarts",
            "workers", "wall_seconds", "task_ms", "series_per_second", "parallel_efficiency"))
        {
            assertTrue(summary.has(key), "summary.json has " + key);
        }
        assertEquals(3, summary.get("tasks").asInt());
        assertEquals(2, summary.get("ok").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertTrue(summary.get("task_ms").has("p95"));
    }

    @Test
    void badOptionsExitWith101AndAMissingInputWith102() throws Exception
    {
        final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, FarmCli.execute(new String[]{"forecast", "--input", input().toString(),
            "--horizon", "0"}, quiet));
        assertEquals(ExitCodes.USAGE, FarmCli.execute(new String[]{"forecast", "--no-such-option"}, quiet));
        assertEquals(ExitCodes.INPUT, FarmCli.execute(new String[]{"forecast", "--input",
            tmp.resolve("missing.csv").toString(), "--horizon", "3"}, quiet));
    }
}
