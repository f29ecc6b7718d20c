package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForecastTaskHandlerTest {

    private static final List<String> ALL = List.of("naive", "snaive", "mean", "drift");
    private static final double[] LEVELS = {80, 95};

    private static double[] series(int seed, int length) {
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = 100 + seed * 7 + 10 * Math.sin(2 * Math.PI * i / 4 + seed) + 0.5 * i + ((i * 37 + seed) % 11);
        }
        return y;
    }

    private static byte[] request(int seed, List<String> models) {
        return new ForecastRequest(series(seed, 24 + seed), 8, 4, models, LEVELS).encode();
    }

    @Test
    void aModelGivenSeveralSeasonsUsesTheFirstAndSaysSoInItsNote() {
        byte[] payload = new ForecastRequest(
                        series(3, 60), 6, new double[] {4, 12}, List.of("snaive", "naive", "theta"), LEVELS)
                .encode();
        ForecastResult result = ForecastResult.decode(new ForecastTaskHandler().handle("A", payload));
        ModelForecast snaive = result.forecasts().get(0);
        assertEquals("uses season 4 of 4,12", snaive.note());
        assertTrue(snaive.method().contains("4"), snaive.method());
        assertEquals("", result.forecasts().get(1).note(), "naive takes no season: no note");
        assertTrue(
                result.forecasts().get(2).note().startsWith("uses season 4 of 4,12"),
                result.forecasts().get(2).note());
        byte[] one = new ForecastRequest(series(3, 60), 6, new double[] {4}, List.of("snaive"), LEVELS).encode();
        assertEquals(
                "",
                ForecastResult.decode(new ForecastTaskHandler().handle("A", one))
                        .forecasts()
                        .get(0)
                        .note(),
                "one integer season: nothing to say");
    }

    @Test
    void forecastsEveryRequestedModelInOrder() throws Exception {
        ForecastResult result = ForecastResult.decode(new ForecastTaskHandler().handle("A", request(1, ALL)));
        assertEquals(ALL, result.forecasts().stream().map(ModelForecast::model).toList());
        for (ModelForecast f : result.forecasts()) {
            assertTrue(f.ok(), f.model() + ": " + f.error());
            assertEquals(8, f.mean().length);
            assertArrayEquals(LEVELS, f.levels());
            assertEquals(2, f.lower().length);
            for (int i = 0; i < 8; i++) {
                assertTrue(
                        f.lower()[1][i] <= f.lower()[0][i]
                                && f.lower()[0][i] <= f.mean()[i]
                                && f.mean()[i] <= f.upper()[0][i]
                                && f.upper()[0][i] <= f.upper()[1][i],
                        f.model());
            }
        }
        assertTrue(
                result.forecasts().get(1).method().contains("4"),
                result.forecasts().get(1).method());
    }

    @Test
    void anUnknownModelFailsAloneNamingIt() throws Exception {
        ForecastResult result = ForecastResult.decode(
                new ForecastTaskHandler().handle("A", request(1, List.of("naive", "nosuchmodel"))));
        assertEquals(2, result.forecasts().size());
        ModelForecast naive = result.forecasts().get(0);
        assertTrue(naive.ok(), naive.error());
        assertEquals(8, naive.mean().length);
        ModelForecast unknown = result.forecasts().get(1);
        assertFalse(unknown.ok());
        assertEquals("nosuchmodel", unknown.model());
        assertTrue(unknown.error().contains("nosuchmodel"), unknown.error());
        assertEquals(0, unknown.mean().length);
    }

    @Test
    void aSpecWithAnArgumentIsForecastAndNamedByItsText() throws Exception {
        ForecastResult result = ForecastResult.decode(
                new ForecastTaskHandler().handle("A", request(1, List.of("naive", "drift", "comb:naive+drift"))));
        ModelForecast naive = result.forecasts().get(0);
        ModelForecast drift = result.forecasts().get(1);
        ModelForecast comb = result.forecasts().get(2);
        assertTrue(comb.ok(), comb.error());
        assertEquals("comb:naive+drift", comb.model());
        for (int t = 0; t < 8; t++) {
            assertEquals((naive.mean()[t] + drift.mean()[t]) / 2, comb.mean()[t], 1e-12);
        }
    }

    @Test
    void autoSaysWhichMemberItChoseInTheMethodAndWhyInTheNote() throws Exception {
        ForecastResult result = ForecastResult.decode(
                new ForecastTaskHandler().handle("A", request(1, List.of("naive", "auto:naive+snaive+by=smape"))));
        ModelForecast auto = result.forecasts().get(1);
        assertTrue(auto.ok(), auto.error());
        assertEquals("auto:naive+snaive+by=smape", auto.model());
        assertTrue(auto.method().startsWith("auto->"), auto.method());
        assertTrue(auto.note().startsWith("chosen by smape "), auto.note());
        assertEquals(8, auto.mean().length);
    }

    @Test
    void aBadSpecOnTheWireFailsThatModelAloneWithTheParsersMessage() throws Exception {
        ForecastResult result =
                ForecastResult.decode(new ForecastTaskHandler().handle("A", request(1, List.of("naive", "ets:3"))));
        assertTrue(result.forecasts().get(0).ok());
        assertEquals(
                "model 'ets:3': ets takes no argument",
                result.forecasts().get(1).error());
    }

    @Test
    void onlyUnknownModelsFailTheTaskNamingEach() {
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class,
                () -> new ForecastTaskHandler().handle("A", request(1, List.of("nosuch1", "nosuch2"))));
        assertTrue(ex.getMessage().contains("nosuch1: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("nosuch2: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("; "), ex.getMessage());
    }

    @Test
    void aSeriesTooShortForEveryModelFailsTheTask() {
        byte[] payload = new ForecastRequest(new double[] {1}, 3, 4, List.of("snaive", "drift"), LEVELS).encode();
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> new ForecastTaskHandler().handle("short", payload));
        assertTrue(ex.getMessage().contains("snaive: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("drift: "), ex.getMessage());
    }

    @Test
    void aCorruptPayloadFailsTheTask() {
        assertThrows(IllegalArgumentException.class, () -> new ForecastTaskHandler().handle("bad", new byte[5]));
    }

    @Test
    void resultsDoNotDependOnEarlierTasks() throws Exception {
        ForecastTaskHandler handler = new ForecastTaskHandler();
        byte[] a1 = handler.handle("A", request(1, ALL));
        byte[] b = handler.handle("B", request(2, ALL));
        byte[] a2 = handler.handle("A", request(1, ALL));
        assertArrayEquals(a1, a2);
        assertArrayEquals(a1, new ForecastTaskHandler().handle("A", request(1, ALL)));
        assertFalse(java.util.Arrays.equals(a1, b), "different series, different forecasts");
    }

    @Test
    void concurrentTasksGiveTheSameBytesAsSequentialOnes() throws Exception {
        int threads = 8;
        int rounds = 50;
        ForecastTaskHandler shared = new ForecastTaskHandler();
        List<byte[]> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            expected.add(new ForecastTaskHandler().handle("S" + t, request(t, ALL)));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Callable<List<byte[]>> job = () -> {
                    byte[] payload = request(seed, ALL);
                    start.await(10, TimeUnit.SECONDS);
                    List<byte[]> out = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        out.add(shared.handle("S" + seed, payload));
                    }
                    return out;
                };
                futures.add(pool.submit(job));
            }
            for (int t = 0; t < threads; t++) {
                List<byte[]> got = futures.get(t).get(30, TimeUnit.SECONDS);
                assertEquals(rounds, got.size());
                for (byte[] bytes : got) {
                    assertArrayEquals(expected.get(t), bytes, "series S" + t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
