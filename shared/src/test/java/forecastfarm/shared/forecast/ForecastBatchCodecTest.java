package forecastfarm.shared.forecast;

import static forecastfarm.shared.forecast.ForecastCodecTest.OK;
import static forecastfarm.shared.forecast.ForecastCodecTest.assertSameForecast;
import static forecastfarm.shared.forecast.ForecastCodecTest.assertSameRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBatchCodecTest {
    private static final List<String> MODELS = List.of("naive", "onnx:/m/tiny.onnx");
    private static final double[] LEVELS = {80, 95};

    private static ForecastRequest request(final double[] y, final double[] seasons) {
        return new ForecastRequest(y, 3, seasons, MODELS, LEVELS);
    }

    @Test
    void aBatchRoundTripsItsKeysAndEachSeriesWithItsOwnSeasons() {
        final ForecastBatchRequest batch = new ForecastBatchRequest(
                List.of("A", "B ✓", ""),
                List.of(
                        request(new double[] {1, 2, Double.NaN}, new double[] {1}),
                        request(new double[] {Double.POSITIVE_INFINITY, -4e300}, new double[] {24, 168}),
                        request(new double[] {0.5}, new double[] {7, 365.25})));
        final ForecastBatchRequest decoded = ForecastBatchRequest.decode(batch.encode());
        assertEquals(batch.keys(), decoded.keys());
        assertEquals(3, decoded.size());
        assertEquals(MODELS, decoded.models());
        for (int i = 0; i < batch.size(); i++) {
            assertSameRequest(batch.requests().get(i), decoded.requests().get(i));
        }
    }

    @Test
    void seriesThatDifferInHorizonModelsOrLevelsCannotShareABatch() {
        final ForecastRequest a = request(new double[] {1}, new double[] {1});
        for (final ForecastRequest other : List.of(
                new ForecastRequest(new double[] {1}, 4, 1, MODELS, LEVELS),
                new ForecastRequest(new double[] {1}, 3, 1, List.of("naive"), LEVELS),
                new ForecastRequest(new double[] {1}, 3, 1, MODELS, new double[] {80}))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new ForecastBatchRequest(List.of("a", "b"), List.of(a, other)),
                    other.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new ForecastBatchRequest(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ForecastBatchRequest(List.of("a", "b"), List.of(a)));
    }

    @Test
    void aResultRoundTripsEachSeriesForecastsOrReasonInOrder() {
        final ModelForecast failedModel = ModelForecast.failed("onnx:/m/tiny.onnx", "onnx: infinite value");
        final ForecastBatchResult result = new ForecastBatchResult(List.of(
                ForecastBatchResult.Entry.ok("A", new ForecastResult(List.of(OK, failedModel))),
                ForecastBatchResult.Entry.failed("B", "naive: too short; onnx:/m/tiny.onnx: infinite value"),
                ForecastBatchResult.Entry.ok("C", new ForecastResult(List.of(OK)))));
        final ForecastBatchResult decoded = ForecastBatchResult.decode(result.encode());
        assertEquals(
                List.of("A", "B", "C"),
                decoded.entries().stream().map(ForecastBatchResult.Entry::key).toList());
        final ForecastBatchResult.Entry a = decoded.entries().get(0);
        assertTrue(a.ok());
        assertEquals("", a.reason());
        assertSameForecast(OK, a.result().forecasts().get(0));
        assertSameForecast(failedModel, a.result().forecasts().get(1));
        final ForecastBatchResult.Entry b = decoded.entries().get(1);
        assertFalse(b.ok());
        assertNull(b.result());
        assertEquals("naive: too short; onnx:/m/tiny.onnx: infinite value", b.reason());
        assertEquals(1, decoded.entries().get(2).result().forecasts().size());
    }

    @Test
    void aTruncatedBatchIsRefusedAsCorrupt() {
        final byte[] whole = new ForecastBatchRequest(
                        List.of("A"), List.of(request(new double[] {1, 2}, new double[] {1})))
                .encode();
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastBatchRequest.decode(Arrays.copyOf(whole, whole.length - 3)));
        final byte[] result = new ForecastBatchResult(List.of(ForecastBatchResult.Entry.failed("A", "no"))).encode();
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastBatchResult.decode(Arrays.copyOf(result, result.length - 1)));
    }

    @Test
    void anEntryHasAResultOrAReason() {
        assertThrows(IllegalArgumentException.class, () -> new ForecastBatchResult.Entry("A", null, ""));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ForecastBatchResult.Entry("A", new ForecastResult(List.of()), "why"));
    }
}
