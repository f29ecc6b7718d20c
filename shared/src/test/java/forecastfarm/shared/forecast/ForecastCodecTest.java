package forecastfarm.shared.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.codec.PayloadWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCodecTest {

    static final ForecastRequest REQUEST = new ForecastRequest(
            new double[] {1.5, 2, Double.NaN, -4e300, 0}, 12, 4, List.of("naive", "snaive", "mean ✓"), new double[] {
                80, 95
            });

    static final ModelForecast OK = new ModelForecast(
            "snaive",
            "Seasonal naive (m=4)",
            "fell back",
            "",
            new double[] {80, 95},
            new double[] {1, 2, 3},
            new double[][] {{0.5, 1.5, 2.5}, {0.1, 1.1, 2.1}},
            new double[][] {{1.5, 2.5, 3.5}, {1.9, 2.9, 3.9}});

    static void assertSameRequest(ForecastRequest expected, ForecastRequest actual) {
        assertArrayEquals(expected.y(), actual.y());
        assertEquals(expected.horizon(), actual.horizon());
        assertArrayEquals(expected.seasons(), actual.seasons());
        assertEquals(expected.models(), actual.models());
        assertArrayEquals(expected.levels(), actual.levels());
    }

    static void assertSameForecast(ModelForecast expected, ModelForecast actual) {
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.method(), actual.method());
        assertEquals(expected.note(), actual.note());
        assertEquals(expected.error(), actual.error());
        assertArrayEquals(expected.levels(), actual.levels());
        assertArrayEquals(expected.mean(), actual.mean());
        assertEquals(expected.lower().length, actual.lower().length);
        for (int i = 0; i < expected.lower().length; i++) {
            assertArrayEquals(expected.lower()[i], actual.lower()[i]);
            assertArrayEquals(expected.upper()[i], actual.upper()[i]);
        }
    }

    @Test
    void severalSeasonsRoundTripAndTheFirstIsTheSingleSeason() {
        ForecastRequest request = new ForecastRequest(
                new double[] {1, 2, 3}, 5, new double[] {7, 365.25}, List.of("ets", "theta"), new double[] {80});
        ForecastRequest decoded = ForecastRequest.decode(request.encode());
        assertSameRequest(request, decoded);
        assertArrayEquals(new double[] {7, 365.25}, decoded.seasons());
        assertEquals(7, decoded.seasonLength());
        assertEquals("7,365.25", ForecastRequest.formatSeasons(decoded.seasons()));
        assertEquals("24,168", ForecastRequest.formatSeasons(new double[] {24, 168}));
        assertEquals(
                365,
                new ForecastRequest(new double[] {1}, 1, new double[] {365.25}, List.of(), new double[0])
                        .seasonLength());
        assertArrayEquals(new double[] {4}, REQUEST.seasons(), "the one-season constructor");
        assertThrows(
                IllegalArgumentException.class,
                () -> new ForecastRequest(new double[] {1}, 1, new double[0], List.of(), new double[0]));
    }

    @Test
    void requestRoundTrips() {
        ForecastRequest decoded = ForecastRequest.decode(REQUEST.encode());
        assertSameRequest(REQUEST, decoded);
        assertArrayEquals(REQUEST.encode(), decoded.encode(), "re-encoding is byte-identical");
    }

    @Test
    void emptyRequestRoundTrips() {
        ForecastRequest empty = new ForecastRequest(new double[0], 1, 1, List.of(), new double[0]);
        assertSameRequest(empty, ForecastRequest.decode(empty.encode()));
    }

    @Test
    void largeRequestRoundTrips() {
        double[] y = new double[100_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i) * i;
        }
        ForecastRequest big = new ForecastRequest(y, 48, 12, List.of("drift"), new double[] {50});
        assertSameRequest(big, ForecastRequest.decode(big.encode()));
    }

    @Test
    void resultRoundTripsWithFailedModels() {
        ForecastResult result = new ForecastResult(List.of(
                OK,
                ModelForecast.failed("nosuch", "Unknown model"),
                new ModelForecast(
                        "naive",
                        "Naive method",
                        "",
                        "",
                        new double[0],
                        new double[] {7},
                        new double[0][],
                        new double[0][])));
        ForecastResult decoded = ForecastResult.decode(result.encode());
        assertEquals(3, decoded.forecasts().size());
        for (int i = 0; i < 3; i++) {
            assertSameForecast(result.forecasts().get(i), decoded.forecasts().get(i));
        }
        assertTrue(decoded.forecasts().get(0).ok());
        assertFalse(decoded.forecasts().get(1).ok());
        assertEquals(0, decoded.forecasts().get(1).mean().length);
    }

    @Test
    void estimateCoversTheActualSize() {
        double[] levels = {80, 95};
        double[] mean = new double[24];
        double[][] bounds = {new double[24], new double[24]};
        ModelForecast one = new ModelForecast("snaive", "Seasonal naive (m=12)", "", "", levels, mean, bounds, bounds);
        byte[] encoded = new ForecastResult(List.of(one, one, one, one)).encode();
        assertTrue(
                ForecastResult.estimateEncodedBytes(4, 24, 2) >= encoded.length,
                ForecastResult.estimateEncodedBytes(4, 24, 2) + " < " + encoded.length);
    }

    @Test
    void truncatedRequestIsRejected() {
        byte[] full = REQUEST.encode();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            assertThrows(IllegalArgumentException.class, () -> ForecastRequest.decode(cut), "length " + length);
        }
    }

    @Test
    void truncatedResultIsRejected() {
        byte[] full = new ForecastResult(List.of(OK, ModelForecast.failed("x", "why"))).encode();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            assertThrows(IllegalArgumentException.class, () -> ForecastResult.decode(cut), "length " + length);
        }
    }

    /**
     * BUG (reported): the model count and forecast count are used as ArrayList capacities before any check, so a
     * corrupt count throws OutOfMemoryError (a VirtualMachineError: the worker's TaskRunner treats it as fatal and
     * halts the JVM) instead of IllegalArgumentException.
     */
    @Test
    void corruptCountIsRejectedAsIllegalArgument() {
        // caught here: JUnit's assertThrows rethrows an OutOfMemoryError, which would end the whole test JVM
        byte[] request = new PayloadWriter(12)
                .putInt(1)
                .putInt(1)
                .putInt(Integer.MAX_VALUE)
                .toByteArray();
        assertInstanceOf(IllegalArgumentException.class, thrownBy(() -> ForecastRequest.decode(request)));
        byte[] result = new PayloadWriter(4).putInt(Integer.MAX_VALUE).toByteArray();
        assertInstanceOf(IllegalArgumentException.class, thrownBy(() -> ForecastResult.decode(result)));
    }

    private static Throwable thrownBy(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
