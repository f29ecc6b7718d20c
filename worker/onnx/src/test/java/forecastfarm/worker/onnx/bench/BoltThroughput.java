package forecastfarm.worker.onnx.bench;

import forecastfarm.worker.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Time per series of {@link OnnxModel#forecastBatch} (pre-processing, the model run, post-processing into forecasts)
 * by batch size and intra-op threads. Not a test: run by hand, e.g. after {@code mvn -o package -pl
 * shared,worker,worker/onnx -DskipTests} and {@code test-compile}:
 *
 * <pre>
 * java -cp worker/onnx/target/test-classes:worker/target/forecast-farm-worker.jar:worker/onnx/target/forecast-farm-onnx.jar \
 *     forecastfarm.worker.onnx.bench.BoltThroughput MODEL.onnx [SERIES] [HORIZON]
 * </pre>
 *
 * Each configuration forecasts the same SERIES series (default 4096, 64 points each) five times after two warm-up
 * rounds, after one unreported sweep of all configurations, and prints the median time per series. For the tiny test model the arithmetic is trivial, so this measures
 * ONNX Runtime's per-call overhead and the Java around it, not a real model's cost.
 */
public final class BoltThroughput {

    private BoltThroughput() {}

    public static void main(String[] args) {
        String file = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int horizon = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        List<double[]> series = new ArrayList<>();
        Random random = new Random(1);
        for (int s = 0; s < count; s++) {
            double[] y = new double[64];
            for (int i = 0; i < y.length; i++) {
                y[i] = 100 + 10 * Math.sin(i / 4.0) + random.nextGaussian();
            }
            series.add(y);
        }
        double[] levels = {80, 95};
        System.out.printf("series=%d horizon=%d%n", count, horizon);
        sweep(file, series, horizon, levels, false); // warms the JIT for every configuration
        sweep(file, series, horizon, levels, true);
    }

    private static void sweep(String file, List<double[]> series, int horizon, double[] levels, boolean print) {
        int count = series.size();
        for (int threads : new int[] {1, 2}) {
            OnnxModel model = OnnxModel.of(file, threads);
            for (int batch : new int[] {1, 32, 256}) {
                double[] microsPerSeries = new double[7];
                for (int round = 0; round < microsPerSeries.length; round++) {
                    long start = System.nanoTime();
                    for (int from = 0; from < count; from += batch) {
                        model.forecastBatch(series.subList(from, Math.min(count, from + batch)), horizon, levels);
                    }
                    microsPerSeries[round] = (System.nanoTime() - start) / 1e3 / count;
                }
                double[] measured = Arrays.copyOfRange(microsPerSeries, 2, microsPerSeries.length);
                Arrays.sort(measured);
                if (print) {
                    System.out.printf(
                            "intra-op threads %d, batch %3d: %8.2f us per series (median of 5; min %.2f, max %.2f)%n",
                            threads, batch, measured[2], measured[0], measured[4]);
                }
            }
        }
    }
}
