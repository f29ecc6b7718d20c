package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelCheckRequest;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Models;
import forecastfarm.worker.forecast.Naive;
import forecastfarm.worker.tasks.ModelCheckTaskHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code onnx:PATH} as a member of {@code comb}, {@code auto} and {@code mstl}: the worker resolves the member's file
 * as it resolves the model alone, and the list says how it treats the levels the model cannot give.
 */
class OnnxInListsTest {

    private static final double[] LEVELS = {80, 95};

    private static ForecastModel model(String spec) {
        return Models.forSpec(ModelSpec.parse("--model", spec));
    }

    private static String tiny() {
        return "onnx:" + TinyModels.tiny();
    }

    /** A series with a season of 4 and a slope, long enough for auto's windows. */
    private static double[] seasonal(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 50 + 0.3 * i + 6 * Math.sin(2 * Math.PI * i / 4);
        }
        return y;
    }

    @Test
    void combAveragesTheModelWithTheOthersAndLeavesEmptyTheLevelItCannotGive() {
        double[] y = TinyModels.ramp(16);
        Forecast onnx = model(tiny()).fit(y, 1).forecast(3, LEVELS);
        Forecast naive = new Naive().fit(y, 1).forecast(3, LEVELS);
        Forecast comb = model("comb:naive+" + tiny()).fit(y, 1).forecast(3, LEVELS);
        for (int t = 0; t < 3; t++) {
            assertEquals((onnx.mean()[t] + naive.mean()[t]) / 2, comb.mean()[t], 1e-9);
            assertEquals((onnx.upper(0)[t] + naive.upper(0)[t]) / 2, comb.upper(0)[t], 1e-9);
        }
        assertFalse(comb.givesLevel(1));
        assertTrue(
                comb.note().startsWith("no interval at 95% (Chronos-Bolt ONNX (tiny_chronos_bolt.onnx) gives none)"),
                comb.note());
    }

    @Test
    void aMissingFileInACombIsLeftOutNamingTheFile() {
        Forecast comb = model("comb:naive+onnx:/no/such/model.onnx")
                .fit(TinyModels.ramp(16), 1)
                .forecast(2, LEVELS);
        assertEquals(16, comb.mean()[0], 1e-12, "naive alone");
        assertTrue(
                comb.note().contains("onnx:/no/such/model.onnx (ONNX model /no/such/model.onnx: no such file)"),
                comb.note());
    }

    @Test
    void autoByMsisCannotChooseTheModelAtALevelItCannotGiveAndSaysSo() {
        Forecast f =
                model("auto:naive+" + tiny() + "+by=msis").fit(seasonal(40), 4).forecast(4, LEVELS);
        assertTrue(f.note().startsWith("chosen by msis at 95% "), f.note());
        assertTrue(f.method().startsWith("auto->Naive"), f.method());
        assertTrue(f.note().contains(tiny() + " gives no 95% interval"), f.note());
    }

    @Test
    void autoByMaseScoresTheModelLikeAnyOther() {
        Forecast f = model("auto:naive+" + tiny()).fit(seasonal(40), 4).forecast(4, LEVELS);
        assertTrue(f.note().startsWith("chosen by mase "), f.note());
        assertFalse(f.note().contains("gives no"), f.note());
    }

    @Test
    void theJobStartCheckOpensEveryModelFileAndNamesTheOneThatDiffers() {
        ModelCheckTaskHandler check = new ModelCheckTaskHandler();
        assertEquals(
                0,
                check.handle("models", new ModelCheckRequest(List.of("ets", "comb:naive+" + tiny())).encode()).length);
        String wrong = "onnx:" + TinyModels.threeQuantiles();
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class,
                () -> check.handle("models", new ModelCheckRequest(List.of(tiny(), "auto:ets+" + wrong)).encode()));
        assertTrue(ex.getMessage().contains(TinyModels.threeQuantiles().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("9"), ex.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> check.handle("models", new ModelCheckRequest(List.of("onnx:/no/such.onnx")).encode()));
        assertEquals("ONNX model /no/such.onnx: no such file", missing.getMessage());
    }

    @Test
    void mstlForecastsTheAdjustedSeriesWithTheModel() {
        Forecast f = model("mstl:" + tiny()).fit(seasonal(40), new double[] {4}).forecast(4, LEVELS);
        assertTrue(f.method().contains("Chronos-Bolt ONNX"), f.method());
        assertFalse(f.givesLevel(1));
        assertTrue(f.givesLevel(0));
    }
}
