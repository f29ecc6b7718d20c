package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API with real worker processes: results stream back as series complete, a second run in the same
 * farm dir resumes, a failing consumer stops the farm and is reported.
 */
@Tag("process")
class ForecastFarmIT {

    @TempDir
    Path tmp;

    private FarmContext context() {
        return new FarmContext()
                .farmDir(tmp.resolve("farm"))
                .workers(2)
                .workerClasspath(FarmTestSupport.workerClasspath())
                .workerJvmOptions(List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    }

    private static double[] series(int n, double slope) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 100 + slope * i + (i % 4);
        }
        return y;
    }

    @Test
    void everySubmittedSeriesComesBackOnceAndASecondRunResumes() throws Exception {
        int count = 3000; // more than the intake holds: submit must wait for the farm
        Map<String, SeriesResult> results = new ConcurrentHashMap<>();
        FarmSummary summary;
        try (ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(3)
                .models("naive", "drift")
                .levels(80)
                .intakeCapacity(64)
                .expectedSeries(count, 6)
                .onResult(r -> assertEquals(null, results.put(r.id(), r), "delivered twice: " + r.id()))
                .start()) {
            for (int i = 0; i < count; i++) {
                assertTrue(farm.submit("s" + i, series(i == 7 ? 2 : 20, i), 1));
            }
            summary = farm.finish();
        }
        assertEquals(count, summary.series());
        assertEquals(count, results.size());
        assertTrue(summary.complete());
        assertEquals(count, summary.ok(), "a series with one failed model is OK");
        SeriesResult slope5 = results.get("s5");
        assertEquals(TaskStatus.OK, slope5.status());
        assertEquals(
                List.of("naive", "drift"),
                slope5.forecasts().stream().map(f -> f.model()).toList());
        assertEquals(100 + 5 * 19 + 3, slope5.forecasts().get(0).mean()[0], 1e-9, "naive = last value");
        assertEquals(
                100 + 5 * 19 + 3 + (5 * 19 + 3) / 19.0,
                slope5.forecasts().get(1).mean()[0],
                1e-9,
                "drift = last + mean slope");
        assertFalse(slope5.resumed());
        assertTrue(results.values().stream()
                        .mapToLong(SeriesResult::seq)
                        .distinct()
                        .count()
                == count);
        // s7 is too short for drift: the series is OK, drift reports its own error
        assertFalse(results.get("s7").forecasts().get(1).ok());

        Map<String, SeriesResult> again = new ConcurrentHashMap<>();
        try (ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(3)
                .models("naive", "drift")
                .levels(80)
                .onResult(r -> again.put(r.id(), r))
                .start()) {
            for (int i = 0; i < 10; i++) {
                farm.submit("s" + i, series(i == 7 ? 2 : 20, i), 1);
            }
            farm.submit("new", series(20, 1), 1);
            summary = farm.finish();
        }
        assertEquals(11, again.size());
        assertEquals(10, summary.resumed());
        assertTrue(again.get("s5").resumed());
        assertFalse(again.get("new").resumed());
        assertEquals(
                slope5.forecasts().get(1).mean()[0],
                again.get("s5").forecasts().get(1).mean()[0]);
    }

    @Test
    void aFailingConsumerStopsTheFarmAndFinishSaysWhy() throws Exception {
        ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(2)
                .models("naive")
                .intakeCapacity(8)
                .onResult(r -> {
                    throw new IllegalStateException("disk full (simulated)");
                })
                .start();
        boolean refused = false;
        for (int i = 0; i < 100_000 && !refused; i++) {
            refused = !farm.submit("s" + i, series(10, 1), 1);
        }
        assertTrue(refused, "the farm stops taking series once the consumer failed");
        ForecastFarmException thrown = assertThrows(ForecastFarmException.class, farm::finish);
        assertTrue(thrown.getMessage().contains("disk full (simulated)"), thrown.getMessage());
        farm.close();
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException horizon = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(context()).horizon(0).start());
        assertTrue(horizon.getMessage().contains("h = 0"), horizon.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(context()).horizon(1).levels(100).start());
    }
}
