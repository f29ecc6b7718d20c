package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SeriesBatcher} and {@link BatchResults}: series into batches, a batch's outcome back into series. */
class SeriesBatchesTest {
    private static final ForecastRequest REQUEST =
            new ForecastRequest(new double[] {1, 2, 3}, 2, 1, List.of("naive"), new double[] {80});

    private static List<SeriesBatcher.Batch> addAll(final SeriesBatcher batcher, final String... ids) {
        final List<SeriesBatcher.Batch> ready = new ArrayList<>();
        for (final String id : ids) {
            ready.addAll(batcher.add(id, REQUEST.encode()));
        }
        return ready;
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestAtTheEndEachKeyedByWhatItHolds() {
        final SeriesBatcher batcher = new SeriesBatcher(2, 100, "");
        final List<SeriesBatcher.Batch> ready = addAll(batcher, "A", "B", "C", "D", "E");
        assertEquals(2, ready.size());
        assertEquals(List.of("A", "B"), ready.get(0).ids());
        assertEquals(List.of("C", "D"), ready.get(1).ids());
        assertTrue(
                ready.get(0).key().matches("batch:A\\+2#[0-9a-f]{8}"),
                ready.get(0).key());
        final ForecastBatchRequest decoded =
                ForecastBatchRequest.decode(ready.get(1).payload());
        assertEquals(List.of("C", "D"), decoded.keys());
        final SeriesBatcher.Batch rest = batcher.rest();
        assertEquals(List.of("E"), rest.ids());
        assertTrue(rest.key().startsWith("batch:E+1#"), rest.key());
        assertNull(batcher.rest());
    }

    @Test
    void keysDependOnEverySeriesAndOnTheSalt() {
        final String ab = SeriesBatcher.key(List.of("A", "B"), "");
        assertEquals(ab, SeriesBatcher.key(List.of("A", "B"), ""), "the same batch has the same key in a rerun");
        assertNotEquals(ab, SeriesBatcher.key(List.of("A", "C"), ""));
        assertNotEquals(ab, SeriesBatcher.key(List.of("A", "B"), "retry 1"));
        assertNotEquals(SeriesBatcher.key(List.of("AB", "C"), ""), SeriesBatcher.key(List.of("A", "BC"), ""));
        assertThrows(IllegalArgumentException.class, () -> new SeriesBatcher(1, 100, ""));
    }

    @Test
    void aBatchIsHandedOnEarlyWhenItsResultWouldNotFitOneMessage() {
        final int third = SeriesBatcher.MAX_BATCH_BYTES / 3 + 1;
        final SeriesBatcher batcher = new SeriesBatcher(32, third, "");
        final List<SeriesBatcher.Batch> ready = addAll(batcher, "A", "B", "C", "D", "E");
        assertEquals(
                List.of(List.of("A", "B"), List.of("C", "D")),
                ready.stream().map(SeriesBatcher.Batch::ids).toList());
        assertEquals(List.of("E"), batcher.rest().ids());
    }

    private static ModelForecast forecast(final double value) {
        return new ModelForecast(
                "naive", "Naive method", "", "", new double[0], new double[] {value}, new double[0][], new double[0][]);
    }

    private static ResultRecord record(final TaskStatus status, final int attempts, final byte[] payload) {
        return new ResultRecord(
                status,
                attempts,
                1,
                3,
                1_000L,
                9_000_000L,
                8_000_000L,
                status == TaskStatus.OK ? "" : "killed 3x",
                payload,
                ForecastBatchRequest.KIND);
    }

    @Test
    void aBatchOutcomeBecomesOneResultPerSeriesWithItsShareOfTheWallTime() {
        final BatchResults results = new BatchResults();
        assertEquals(0, results.submitted("batch:A+3#1", List.of("A", "B", "C")));
        assertEquals(3, results.submitted("batch:D+1#2", List.of("D")));
        final byte[] payload = new ForecastBatchResult(List.of(
                        ForecastBatchResult.Entry.ok("A", new ForecastResult(List.of(forecast(1)))),
                        ForecastBatchResult.Entry.failed("B", "naive: too short"),
                        ForecastBatchResult.Entry.ok("C", new ForecastResult(List.of(forecast(3))))))
                .encode();
        final List<SeriesResult> abc =
                results.results(new TaskOutcome(0, "batch:A+3#1", record(TaskStatus.OK, 2, payload), false));
        assertEquals(List.of("A", "B", "C"), abc.stream().map(SeriesResult::id).toList());
        assertEquals(List.of(0L, 1L, 2L), abc.stream().map(SeriesResult::seq).toList());
        assertEquals(
                List.of(TaskStatus.OK, TaskStatus.FAILED, TaskStatus.OK),
                abc.stream().map(SeriesResult::status).toList());
        assertEquals("naive: too short", abc.get(1).reason());
        assertEquals(3.0, abc.get(2).forecasts().get(0).mean()[0]);
        for (final SeriesResult r : abc) {
            assertEquals(2, r.attempts());
            assertEquals(1, r.workerSlot());
            assertEquals(1_000L, r.startEpochMs());
            assertEquals(3.0, r.runtimeMs(), 1e-12, "9 ms over 3 series");
        }
        final List<SeriesResult> d =
                results.results(new TaskOutcome(1, "batch:D+1#2", record(TaskStatus.POISONED, 3, new byte[0]), true));
        assertEquals(TaskStatus.POISONED, d.get(0).status());
        assertEquals("killed 3x", d.get(0).reason());
        assertEquals(3L, d.get(0).seq());
        assertThrows(
                IllegalStateException.class,
                () -> results.results(new TaskOutcome(2, "batch:A+3#1", record(TaskStatus.OK, 1, payload), false)),
                "delivered once");

        final FarmSummary summary =
                results.summary(new FarmReport(2, 1, 0, 1, 1, 3, 4, 2, 5_000_000_000L, 7L, 0, null, null));
        assertEquals(4, summary.series());
        assertEquals(2, summary.ok());
        assertEquals(1, summary.failed());
        assertEquals(1, summary.poisoned());
        assertEquals(1, summary.resumed(), "the resumed batch's series");
        assertEquals(3, summary.retries(), "each series of the batch that ran twice ran again");
        assertEquals(4, summary.workerRestarts());
        assertTrue(summary.complete());
    }

    @Test
    void aBatchResultForOtherSeriesIsRefused() {
        final BatchResults results = new BatchResults();
        results.submitted("batch:A+1#1", List.of("A"));
        final byte[] payload = new ForecastBatchResult(List.of(ForecastBatchResult.Entry.failed("Z", "no"))).encode();
        assertThrows(
                IllegalStateException.class,
                () -> results.results(new TaskOutcome(0, "batch:A+1#1", record(TaskStatus.OK, 1, payload), true)));
    }

    @Test
    void aWithdrawnBatchIsNotCountedAsSubmitted() {
        final BatchResults results = new BatchResults();
        results.submitted("batch:A+2#1", List.of("A", "B"));
        results.withdrawn("batch:A+2#1");
        assertEquals(0, results.submittedSeries());
    }
}
