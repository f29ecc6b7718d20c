package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.forecast.BatchForecaster;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.ModelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBatchTaskHandlerTest {
    private static final List<String> MODELS = List.of("naive", "snaive", "theta", "no-such-model");
    private static final double[] LEVELS = {80, 95};

    private static double[] series(final int seed, final int length) {
        final double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = 50 + seed * 3 + 5 * Math.sin(2 * Math.PI * i / 4 + seed) + 0.3 * i;
        }
        return y;
    }

    /** Seasons differ per series; one is too short for snaive's season, one has no values at all. */
    private static List<ForecastRequest> requests() {
        return List.of(
                new ForecastRequest(series(1, 30), 5, new double[] {4}, MODELS, LEVELS),
                new ForecastRequest(series(2, 3), 5, new double[] {4, 12}, MODELS, LEVELS),
                new ForecastRequest(new double[0], 5, new double[] {1}, MODELS, LEVELS),
                new ForecastRequest(series(3, 40), 5, new double[] {12}, MODELS, LEVELS));
    }

    @Test
    void eachSeriesGetsWhatItsOneSeriesTaskGivesAndASeriesNoModelCouldForecastFailsAlone() {
        final List<ForecastRequest> requests = requests();
        final List<String> keys = List.of("A", "B", "EMPTY", "C");
        final ForecastBatchResult result = ForecastBatchResult.decode(
                new ForecastBatchTaskHandler().handle("batch:A+4", new ForecastBatchRequest(keys, requests).encode()));
        assertEquals(keys.size(), result.entries().size());
        for (int i = 0; i < keys.size(); i++) {
            final ForecastBatchResult.Entry entry = result.entries().get(i);
            assertEquals(keys.get(i), entry.key());
            final byte[] payload = requests.get(i).encode();
            if (keys.get(i).equals("EMPTY")) {
                final IllegalArgumentException alone = assertThrows(
                        IllegalArgumentException.class, () -> new ForecastTaskHandler().handle("EMPTY", payload));
                assertFalse(entry.ok());
                assertEquals(alone.getMessage(), entry.reason());
                continue;
            }
            assertTrue(entry.ok(), entry.toString());
            assertArrayEquals(
                    new ForecastTaskHandler().handle(keys.get(i), payload),
                    entry.result().encode(),
                    keys.get(i) + ": the bytes of its one-series task");
        }
        final ModelForecast unknown =
                result.entries().get(0).result().forecasts().get(3);
        assertTrue(unknown.error().contains("no-such-model"), unknown.error());
    }

    /**
     * A model that batches: fit refuses negative values, a batch call gives each series' last value; it counts its
     * calls.
     */
    private static final class LastValue implements ForecastModel, BatchForecaster {
        final List<Integer> batchSizes = new ArrayList<>();
        boolean failWhole;

        @Override
        public String name() {
            return "last";
        }

        @Override
        public FittedModel fit(final double[] y, final int seasonLength) {
            for (final double v : y) {
                if (v < 0) {
                    throw new ModelException("last: negative value");
                }
            }
            return null; // the batch path never forecasts a fit
        }

        @Override
        public List<Forecast> forecastBatch(final List<double[]> series, final int horizon, final double[] levels) {
            batchSizes.add(series.size());
            if (failWhole) {
                throw new IllegalStateException("the runtime failed");
            }
            final List<Forecast> out = new ArrayList<>();
            for (final double[] y : series) {
                final double[] mean = new double[horizon];
                java.util.Arrays.fill(mean, y[y.length - 1]);
                out.add(new Forecast("Last value", "", mean, new double[0], new double[0][], new double[0][]));
            }
            return out;
        }
    }

    @Test
    void aBatchingModelIsCalledOnceOnTheSeriesItAcceptsAndARefusedSeriesFailsOnlyThatModel() {
        final LastValue model = new LastValue();
        final List<ForecastRequest> requests = List.of(
                new ForecastRequest(new double[] {1, 2}, 2, 1, List.of("last"), new double[0]),
                new ForecastRequest(new double[] {1, -2}, 2, 1, List.of("last"), new double[0]),
                new ForecastRequest(new double[] {7}, 2, new double[] {24, 168}, List.of("last"), new double[0]));
        final ModelForecast[] forecasts = ForecastBatchTaskHandler.inOneCall("last", model, model, requests);
        assertEquals(List.of(2), model.batchSizes, "one call, with the two accepted series");
        assertArrayEquals(new double[] {2, 2}, forecasts[0].mean());
        assertEquals("last: negative value", forecasts[1].error());
        assertArrayEquals(new double[] {7, 7}, forecasts[2].mean());
        assertEquals("uses season 24 of 24,168", forecasts[2].note(), "the seasons note, as forecastOne writes it");
    }

    @Test
    void aBatchCallThatFailsAsAWholeRunsTheSeriesOneByOne() {
        final LastValue model = new LastValue();
        model.failWhole = true;
        final List<ForecastRequest> requests = List.of(
                new ForecastRequest(new double[] {1, 2}, 2, 1, List.of("last"), new double[0]),
                new ForecastRequest(new double[] {3}, 2, 1, List.of("last"), new double[0]));
        final ModelForecast[] forecasts = ForecastBatchTaskHandler.inOneCall("last", model, model, requests);
        assertEquals(List.of(2), model.batchSizes);
        for (int i = 0; i < forecasts.length; i++) {
            // "last" is not in the worker's registry: one by one, it fails as an unknown model would alone
            assertEquals(
                    ForecastTaskHandler.forecastOne("last", requests.get(i)).error(), forecasts[i].error());
            assertFalse(forecasts[i].ok());
        }
    }

    @Test
    void aPayloadThatIsNotABatchFailsTheTask() {
        assertThrows(
                IllegalArgumentException.class, () -> new ForecastBatchTaskHandler().handle("x", new byte[] {1, 2, 3}));
        assertEquals(
                ForecastBatchTaskHandler.class,
                new BuiltInTasks().handlers().get(ForecastBatchRequest.KIND).getClass());
    }
}
