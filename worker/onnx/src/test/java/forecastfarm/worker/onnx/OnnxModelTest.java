package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.api.WorkerThreads;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.ModelException;
import forecastfarm.worker.forecast.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code onnx} model as the worker finds and runs it: registered through this jar's {@code META-INF/services},
 * given a file by {@code Models.forSpec}, then fit and forecast, the spec parsed against the shared catalog.
 */
class OnnxModelTest {

    /** As BoltSessionPredictTest: sqrt(21.25). */
    private static final double SCALE_OF_1_TO_16 = 4.6097722286;

    private static final double TOLERANCE = 1e-4;

    private static ForecastModel tinyBySpec() {
        ModelSpec spec = ModelCatalog.MODELS.parse("--model", "onnx:" + TinyModels.tiny());
        return Models.forSpec(spec);
    }

    @Test
    void theWorkersRegistryFindsThePlugin() {
        assertTrue(Models.names().contains("onnx"), Models.names().toString());
        assertInstanceOf(OnnxModel.class, Models.byName("onnx"));
        assertEquals("onnx", Models.byName("onnx").name());
        assertEquals(
                Set.copyOf(ModelCatalog.MODELS.names()),
                Set.copyOf(Models.names()),
                "with the plugin: every model the catalog declares");
    }

    @Test
    void forSpecOpensTheFileAndNamesTheModelByIt() {
        ForecastModel model = tinyBySpec();
        assertEquals("onnx:" + TinyModels.tiny(), model.name());
        assertSame(BoltSessions.open(TinyModels.tiny(), 1), ((OnnxModel) model).session(), "the worker's one session");
        assertFalse(model.usesSeason());
    }

    /** 1..16, h = 3, levels 80 and 95: median 8.5, 80% from quantiles 0.1/0.9, 95% empty and named. */
    @Test
    void fitAndForecastHandComputed() {
        Forecast f = tinyBySpec().fit(TinyModels.ramp(16), 12).forecast(3, new double[] {80, 95});
        assertArrayEquals(new double[] {8.5, 8.5, 8.5}, f.mean(), TOLERANCE);
        assertArrayEquals(
                new double[] {8.5 - SCALE_OF_1_TO_16, 8.5 - 2 * SCALE_OF_1_TO_16, 8.5 - 3 * SCALE_OF_1_TO_16},
                f.lower(0),
                TOLERANCE);
        assertArrayEquals(
                new double[] {8.5 + SCALE_OF_1_TO_16, 8.5 + 2 * SCALE_OF_1_TO_16, 8.5 + 3 * SCALE_OF_1_TO_16},
                f.upper(0),
                TOLERANCE);
        assertTrue(Double.isNaN(f.lower(1)[0]) && Double.isNaN(f.upper(1)[2]));
        assertEquals("no 95% interval: the model's quantiles 0.1 to 0.9 give 80% at most", f.note());
        assertEquals("Chronos-Bolt ONNX (tiny_chronos_bolt.onnx)", f.method());
    }

    @Test
    void aHorizonBeyondThePredictionLengthIsForecastAndNoted() {
        Forecast f = tinyBySpec().fit(TinyModels.ramp(16), 1).forecast(10, new double[] {80});
        assertEquals(10.5, f.mean()[9], TOLERANCE);
        assertEquals(
                "steps 9-10 forecast from the median of the steps before (the model forecasts 8), so their"
                        + " intervals are too narrow",
                f.note());
    }

    /**
     * The batch call gives each series what its own fit and forecast give: the same method and note, and numbers to
     * 1e-6 of the forecast's largest bound (see BoltSessionPredictTest for why not bit for bit).
     */
    @Test
    void forecastBatchEqualsOneSeriesAtATime() {
        OnnxModel model = (OnnxModel) tinyBySpec();
        List<double[]> series = BoltSessionPredictTest.randomSeries(40, new Random(7));
        List<Forecast> batch = model.forecastBatch(series, 12, new double[] {60, 80, 95});
        assertEquals(40, batch.size());
        for (int s = 0; s < series.size(); s++) {
            Forecast alone = model.fit(series.get(s), 1).forecast(12, new double[] {60, 80, 95});
            Forecast inBatch = batch.get(s);
            assertEquals(alone.method(), inBatch.method());
            assertEquals(alone.note(), inBatch.note());
            double tolerance = 1e-6 * Math.max(largest(alone.lower(1)), largest(alone.upper(1)));
            assertArrayEquals(alone.mean(), inBatch.mean(), tolerance, "series " + s);
            for (int level = 0; level < 3; level++) {
                assertArrayEquals(alone.lower(level), inBatch.lower(level), tolerance, "series " + s);
                assertArrayEquals(alone.upper(level), inBatch.upper(level), tolerance, "series " + s);
            }
        }
    }

    private static double largest(double[] values) {
        return BoltSessionPredictTest.largest(new double[][] {values});
    }

    @Test
    void theFitKeepsACopyOfTheSeries() {
        double[] y = TinyModels.ramp(16);
        var fit = tinyBySpec().fit(y, 1);
        y[15] = 1000;
        assertEquals(8.5, fit.forecast(1, new double[0]).mean()[0], TOLERANCE);
    }

    @Test
    void badSeriesAreRefused() {
        ForecastModel model = tinyBySpec();
        ModelException empty = assertThrows(ModelException.class, () -> model.fit(new double[0], 1));
        assertEquals("onnx: empty series", empty.getMessage());
        ModelException infinite =
                assertThrows(ModelException.class, () -> model.fit(new double[] {1, Double.POSITIVE_INFINITY}, 1));
        assertEquals("onnx: infinite value in the series", infinite.getMessage());
        List<double[]> batch = new ArrayList<>(List.of(TinyModels.ramp(3), new double[0]));
        ModelException inBatch =
                assertThrows(ModelException.class, () -> ((OnnxModel) model).forecastBatch(batch, 1, new double[0]));
        assertEquals("series 1 of the batch: onnx: empty series", inBatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.fit(TinyModels.ramp(3), 0));
    }

    @Test
    void badHorizonsAndLevelsAreRefused() {
        var fit = tinyBySpec().fit(TinyModels.ramp(16), 1);
        assertEquals(
                "Invalid forecast horizon h = 0",
                assertThrows(IllegalArgumentException.class, () -> fit.forecast(0, new double[0]))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> fit.forecast(1, new double[] {100}));
        assertThrows(IllegalArgumentException.class, () -> fit.forecast(1, new double[] {0}));
    }

    @Test
    void theRegisteredModelNeedsAFile() {
        ForecastModel registered = Models.byName("onnx");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> registered.fit(TinyModels.ramp(3), 1));
        assertEquals("onnx needs a model file: onnx:PATH", e.getMessage());
        IllegalArgumentException two = assertThrows(
                IllegalArgumentException.class, () -> registered.withArguments(List.of("a.onnx", "b.onnx")));
        assertEquals("onnx takes one model file, got [a.onnx, b.onnx]", two.getMessage());
    }

    @Test
    void aWrongFileFailsWhenTheModelIsMadeNotWhenASeriesRuns() {
        ModelSpec spec = ModelCatalog.MODELS.parse("--model", "onnx:" + TinyModels.wrongInputName());
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> Models.forSpec(spec));
        assertTrue(e.getMessage().startsWith("ONNX model " + TinyModels.wrongInputName() + ": no input 'context'"));
    }

    @Test
    void intraOpThreadsAreTheWorkersThreads() {
        String before = System.getProperty(WorkerThreads.PROPERTY);
        try {
            System.setProperty(WorkerThreads.PROPERTY, "2");
            assertEquals(2, OnnxModel.of(TinyModels.tiny().toString()).session().intraOpThreads());
            System.clearProperty(WorkerThreads.PROPERTY);
            assertEquals(1, OnnxModel.of(TinyModels.tiny().toString()).session().intraOpThreads());
        } finally {
            if (before == null) {
                System.clearProperty(WorkerThreads.PROPERTY);
            } else {
                System.setProperty(WorkerThreads.PROPERTY, before);
            }
        }
    }
}
