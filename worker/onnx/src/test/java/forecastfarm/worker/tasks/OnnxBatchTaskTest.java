package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.forecast.BatchForecaster;
import forecastfarm.worker.forecast.ForecastModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "forecast-batch" kind with the committed tiny ONNX model: each series of a batch gets, to 1e-9, what its
 * one-series "forecast" task gives, a bad series included, while the model runs once for the batch.
 */
class OnnxBatchTaskTest {
    private static final double[] LEVELS = {80, 95};

    private static String tiny() {
        try {
            return "onnx:"
                    + Path.of(OnnxBatchTaskTest.class
                            .getResource("/forecastfarm/worker/onnx/tiny_chronos_bolt.onnx")
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] wave(final int seed, final int length) {
        final double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = 20 + seed + 4 * Math.sin(i / 3.0 + seed) + 0.1 * i;
        }
        return y;
    }

    /** Longer and shorter than the model's context, a missing value, an infinite one; seasons differ. */
    private static List<ForecastRequest> requests(final List<String> models, final int horizon, final double[] levels) {
        final double[] missing = wave(3, 30);
        missing[10] = Double.NaN;
        final double[] infinite = wave(4, 25);
        infinite[7] = Double.POSITIVE_INFINITY;
        final List<ForecastRequest> requests = new ArrayList<>();
        requests.add(new ForecastRequest(wave(1, 100), horizon, new double[] {12}, models, levels));
        requests.add(new ForecastRequest(wave(2, 9), horizon, new double[] {24, 168}, models, levels));
        requests.add(new ForecastRequest(missing, horizon, new double[] {1}, models, levels));
        requests.add(new ForecastRequest(infinite, horizon, new double[] {7}, models, levels));
        requests.add(new ForecastRequest(wave(5, 64), horizon, new double[] {4}, models, levels));
        return requests;
    }

    private static final List<String> KEYS = List.of("A", "B", "MISSING", "INFINITE", "E");

    private static void assertSameAsOneSeriesTasks(final List<ForecastRequest> requests) {
        final ForecastBatchResult batch = ForecastBatchResult.decode(
                new ForecastBatchTaskHandler().handle("batch:A+5", new ForecastBatchRequest(KEYS, requests).encode()));
        for (int i = 0; i < KEYS.size(); i++) {
            final ForecastBatchResult.Entry entry = batch.entries().get(i);
            assertEquals(KEYS.get(i), entry.key());
            final byte[] payload = requests.get(i).encode();
            final String key = KEYS.get(i);
            final List<ModelForecast> alone;
            try {
                alone = ForecastResult.decode(new ForecastTaskHandler().handle(key, payload))
                        .forecasts();
            } catch (final IllegalArgumentException failed) {
                assertFalse(entry.ok(), key + " failed alone: " + failed.getMessage());
                assertEquals(failed.getMessage(), entry.reason(), key);
                continue;
            }
            assertTrue(entry.ok(), key + ": " + entry.reason());
            final List<ModelForecast> batched = entry.result().forecasts();
            assertEquals(alone.size(), batched.size(), key);
            for (int m = 0; m < alone.size(); m++) {
                assertSameForecast(key, alone.get(m), batched.get(m));
            }
        }
    }

    /**
     * To 1e-9, except the ONNX model's numbers: ONNX Runtime computes in float32 and a batch of another size may take
     * other kernels, so they agree to float32's precision (1e-6 of the largest value, as OnnxModelTest and
     * BoltSessionPredictTest explain), not bit for bit.
     */
    private static void assertSameForecast(final String key, final ModelForecast a, final ModelForecast b) {
        final String what = key + " " + a.model();
        final double tolerance = a.model().startsWith("onnx:") ? 1e-6 * largest(a) : 1e-9;
        assertEquals(a.model(), b.model(), what);
        assertEquals(a.method(), b.method(), what);
        assertEquals(a.note(), b.note(), what);
        assertEquals(a.error(), b.error(), what);
        assertArrayEquals(a.levels(), b.levels(), what);
        assertArrayEquals(a.mean(), b.mean(), tolerance, what);
        for (int l = 0; l < a.levels().length; l++) {
            assertArrayEquals(a.lower()[l], b.lower()[l], tolerance, what);
            assertArrayEquals(a.upper()[l], b.upper()[l], tolerance, what);
        }
    }

    private static double largest(final ModelForecast f) {
        double largest = 0;
        for (final double v : f.mean()) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (final double[] bounds : f.upper()) {
            for (final double v : bounds) {
                largest = Double.isNaN(v) ? largest : Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    @Test
    void eachSeriesOfABatchGetsWhatItsOneSeriesTaskGives() {
        final List<ForecastRequest> requests = requests(List.of("naive", tiny()), 10, LEVELS);
        assertSameAsOneSeriesTasks(requests);
        final ForecastBatchResult batch =
                ForecastBatchTaskHandler.forecastBatch(new ForecastBatchRequest(KEYS, requests));
        final ForecastBatchResult.Entry infinite = batch.entries().get(3);
        assertFalse(infinite.ok(), "neither naive nor onnx forecasts a series with an infinite value");
        assertTrue(infinite.reason().contains("onnx: infinite value in the series"), infinite.reason());
        final ModelForecast missing =
                batch.entries().get(2).result().forecasts().get(1);
        assertTrue(missing.ok(), "onnx masks a missing value: " + missing.error());
    }

    @Test
    void aBadSeriesFailsOnlyItsOnnxForecastWhenAnotherModelForecastsIt() {
        final List<ForecastRequest> requests = requests(List.of(tiny(), "mean"), 3, LEVELS);
        assertSameAsOneSeriesTasks(requests);
    }

    @Test
    void aBatchTheModelRefusesAsAWholeGivesEachSeriesItsOneSeriesOutcome() {
        // a level outside (0, 100) fails the batch call; each series then fails as its one-series task does
        assertSameAsOneSeriesTasks(requests(List.of(tiny(), "naive"), 3, new double[] {80, 120}));
    }

    @Test
    void theModelRunsOnceForTheSeriesItAccepts() {
        final List<ForecastRequest> requests = requests(List.of(tiny()), 4, LEVELS);
        final ForecastModel onnx = ForecastTaskHandler.model(tiny());
        final List<Integer> calls = new ArrayList<>();
        final BatchForecaster counting = (series, horizon, levels) -> {
            calls.add(series.size());
            return ((BatchForecaster) onnx).forecastBatch(series, horizon, levels);
        };
        final ModelForecast[] forecasts = ForecastBatchTaskHandler.inOneCall(tiny(), onnx, counting, requests);
        assertEquals(List.of(4), calls, "one call, without the series of an infinite value");
        assertEquals("onnx: infinite value in the series", forecasts[3].error());
        for (int i = 0; i < forecasts.length; i++) {
            assertSameForecast(KEYS.get(i), ForecastTaskHandler.forecastOne(tiny(), requests.get(i)), forecasts[i]);
        }
        assertThrows(
                ClassCastException.class,
                () -> ((BatchForecaster) ForecastTaskHandler.model("naive")).forecastBatch(List.of(), 1, LEVELS));
    }
}
