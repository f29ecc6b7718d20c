package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: a real model exported by a user, {@code -Donnx.model=DIR}: a model directory with its {@code model.json},
 * or a directory with one {@code .onnx} file (skipped
 * without it; no weights can be fetched on the build machines). It checks the plumbing against a real graph, not
 * accuracy: the file loads as Chronos-Bolt's interface, forecasts are finite with quantiles in order, a clean sine
 * wave's median stays within its range, and a series forecasts the same alone and in a batch (to 1e-4 relative: a
 * real graph's kernels may sum in another order for another batch size).
 */
class ExportedModelTest {

    @Test
    void anExportedModelRunsThroughTheSession() throws IOException {
        String dir = System.getProperty("onnx.model");
        assumeTrue(dir != null && !dir.isBlank(), "no -Donnx.model=DIR given");
        Path file = Path.of(dir);
        if (!Files.exists(file.resolve(ModelDirectory.DESCRIPTOR))) {
            try (Stream<Path> files = Files.list(file)) {
                List<Path> models = files.filter(p -> p.toString().endsWith(".onnx"))
                        .sorted()
                        .toList();
                assertEquals(1, models.size(), "one .onnx file in " + dir + ", found " + models);
                file = models.get(0);
            }
        }
        BoltSession session = BoltSessions.open(file, 1);
        int h = session.shape().predictionLength();
        double[] sine = new double[512];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 24);
        }
        List<double[]> batch = new ArrayList<>(BoltSessionPredictTest.randomSeries(7, new java.util.Random(3)));
        batch.add(0, sine);
        double[][][] together = session.predict(batch, h);
        double[][] alone = session.predict(List.of(sine), h)[0];
        for (int t = 0; t < h; t++) {
            for (int k = 0; k < 9; k++) {
                assertTrue(Double.isFinite(alone[k][t]), "quantile " + k + " step " + t);
                assertEquals(alone[k][t], together[0][k][t], 1e-4 * Math.abs(alone[k][t]) + 1e-6);
                if (k > 0) {
                    assertTrue(alone[k - 1][t] <= alone[k][t] + 1e-6, "quantiles in order at step " + t);
                }
            }
            assertTrue(
                    alone[BoltInterface.MEDIAN][t] > 85 && alone[BoltInterface.MEDIAN][t] < 115,
                    "median " + alone[BoltInterface.MEDIAN][t] + " at step " + t + " of a sine between 90 and 110");
        }
    }
}
