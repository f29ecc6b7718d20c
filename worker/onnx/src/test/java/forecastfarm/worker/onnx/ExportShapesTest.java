package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same arithmetic as the tiny model under the shapes other exports have: a batch axis fixed at export time (runs
 * of exactly that many rows, the last filled up and its extra forecasts dropped) and a dynamic context length (every
 * series padded to Chronos-Bolt's 2048).
 */
class ExportShapesTest {

    private static final double TOLERANCE = 1e-4;

    private final BoltSession tiny = BoltSessions.open(TinyModels.tiny(), 1);

    @Test
    void aFixedBatchRunsInFullBatchesAndGivesWhatTheDynamicOneGives() {
        BoltSession fixed = BoltSessions.open(TinyModels.fixedBatch4(), 1);
        assertEquals(new BoltInterface(64, 8, 4, true), fixed.shape());
        List<double[]> series = BoltSessionPredictTest.randomSeries(10, new Random(4)); // runs of 4, 4 and 2 + 2 fill
        double[][][] byFixed = fixed.predict(series, 12);
        double[][][] byDynamic = tiny.predict(series, 12);
        assertEquals(10, byFixed.length);
        for (int s = 0; s < series.size(); s++) {
            double tolerance = 1e-6 * BoltSessionPredictTest.largest(byDynamic[s]);
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(byDynamic[s][k], byFixed[s][k], tolerance, "series " + s + ", quantile " + k);
            }
        }
    }

    /**
     * 1..100 read whole by the dynamic model (100 points, padded to 2048): scale sqrt((100^2 - 1) / 12) = 28.8660700;
     * read as its last 64 (37..100) by the tiny one: scale sqrt((64^2 - 1) / 12) = 18.4729532. The median is the mean
     * of 85..100, 92.5, for both.
     */
    @Test
    void aDynamicContextLengthReadsUpTo2048Points() {
        BoltSession dynamic = BoltSessions.open(TinyModels.dynamicContext(), 1);
        assertEquals(new BoltInterface(2048, 8, Integer.MAX_VALUE, true), dynamic.shape());
        double[][] whole = dynamic.predict(List.of(TinyModels.ramp(100)), 1)[0];
        double[][] last64 = tiny.predict(List.of(TinyModels.ramp(100)), 1)[0];
        assertEquals(92.5, whole[4][0], TOLERANCE);
        assertEquals(92.5 + 28.8660700, whole[8][0], TOLERANCE);
        assertEquals(92.5, last64[4][0], TOLERANCE);
        assertEquals(92.5 + 18.4729532, last64[8][0], TOLERANCE);
    }
}
