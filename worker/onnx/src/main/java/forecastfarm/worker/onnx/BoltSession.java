package forecastfarm.worker.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model file opened in ONNX Runtime and checked against {@link BoltInterface}. Read-only once open, so one
 * instance serves every task of a worker ({@link BoltSessions} keeps it); {@link #predict} may be called from several
 * threads. Each call builds its own input tensors, and the model sees each row separately, so no series' values reach
 * another's forecast.
 */
public final class BoltSession implements AutoCloseable {

    private final Path file;
    private final int intraOpThreads;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final BoltInterface shape;

    private BoltSession(Path file, int intraOpThreads, OrtEnvironment environment, OrtSession session) {
        this.file = file;
        this.intraOpThreads = intraOpThreads;
        this.environment = environment;
        this.session = session;
        try {
            this.shape = BoltInterface.check(file, session.getInputInfo(), session.getOutputInfo());
        } catch (OrtException e) {
            throw new OnnxLoadException(
                    "ONNX model " + file + ": cannot read its inputs and outputs: " + e.getMessage(), e);
        }
    }

    /**
     * Opens and checks a model file. Prefer {@link BoltSessions#open}, which opens each file once per worker.
     *
     * @param file           the {@code .onnx} file
     * @param intraOpThreads threads ONNX Runtime may use inside one run, at least 1
     * @throws OnnxLoadException naming the file: missing, not readable, not ONNX, or of another interface
     */
    static BoltSession open(Path file, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
        }
        if (!Files.isRegularFile(file)) {
            throw new OnnxLoadException("ONNX model " + file + ": no such file");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            session = environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new OnnxLoadException("ONNX model " + file + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
        try {
            return new BoltSession(file, intraOpThreads, environment, session);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    /** The file this session was opened from (its canonical path when opened through {@link BoltSessions}). */
    public Path file() {
        return file;
    }

    public int intraOpThreads() {
        return intraOpThreads;
    }

    /** The sizes of the model's interface. */
    public BoltInterface shape() {
        return shape;
    }

    /**
     * Quantile forecasts of a batch of series for {@code horizon} steps. Up to the model's prediction length one run
     * (per {@link BoltInterface#maxBatch} series) gives them. Beyond it, as Chronos-Bolt's pipeline does, each series
     * is extended by its median forecast and the model is run again, until the horizon is covered; the quantiles of
     * those steps come from the extended series, so they understate the uncertainty (the band restarts narrow at each
     * prediction length).
     *
     * @param series  the series, oldest first, each at least one value; NaN marks a missing value; not copied, not
     *                mutated
     * @param horizon steps, at least 1
     * @return {@code [series][quantile][step]}, quantiles as {@link BoltInterface#QUANTILES}
     * @throws IllegalStateException when ONNX Runtime fails a run (the message names the file)
     */
    public double[][][] predict(List<double[]> series, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("Invalid forecast horizon h = " + horizon);
        }
        int quantiles = BoltInterface.QUANTILES.size();
        double[][][] result = new double[series.size()][quantiles][horizon];
        List<double[]> contexts = new ArrayList<>(series);
        for (int done = 0; done < horizon; done += shape.predictionLength()) {
            float[][][] run = runInBatches(contexts);
            int steps = Math.min(shape.predictionLength(), horizon - done);
            for (int s = 0; s < series.size(); s++) {
                for (int q = 0; q < quantiles; q++) {
                    for (int t = 0; t < steps; t++) {
                        result[s][q][done + t] = run[s][q][t];
                    }
                }
            }
            if (done + steps < horizon) {
                for (int s = 0; s < series.size(); s++) {
                    contexts.set(s, withMedian(contexts.get(s), run[s][BoltInterface.MEDIAN]));
                }
            }
        }
        return result;
    }

    /** The last points of {@code y} that the model reads, followed by the median forecast. */
    private double[] withMedian(double[] y, float[] median) {
        int kept = Math.min(y.length, shape.contextLength());
        double[] extended = new double[kept + median.length];
        System.arraycopy(y, y.length - kept, extended, 0, kept);
        for (int t = 0; t < median.length; t++) {
            extended[kept + t] = median[t];
        }
        return extended;
    }

    private float[][][] runInBatches(List<double[]> series) {
        float[][][] out = new float[series.size()][][];
        for (int from = 0; from < series.size(); from += shape.maxBatch()) {
            int to = (int) Math.min(series.size(), (long) from + shape.maxBatch());
            float[][][] run = runOnce(series.subList(from, to));
            System.arraycopy(run, 0, out, from, to - from);
        }
        return out;
    }

    /** One model run: {@code [series][quantile][step]} for the model's prediction length. */
    private float[][][] runOnce(List<double[]> series) {
        int rows = shape.maxBatch() == Integer.MAX_VALUE ? series.size() : shape.maxBatch();
        float[] context = BoltInputs.context(series, shape.contextLength(), rows);
        long[] inputShape = {rows, shape.contextLength()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(
                    BoltInterface.CONTEXT, OnnxTensor.createTensor(environment, FloatBuffer.wrap(context), inputShape));
            if (shape.hasMask()) {
                float[] mask = BoltInputs.mask(context);
                inputs.put(
                        BoltInterface.MASK, OnnxTensor.createTensor(environment, FloatBuffer.wrap(mask), inputShape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(BoltInterface.QUANTILE_PREDS))) {
                FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return unpack(values, series.size());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + file + ": run failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][][] unpack(FloatBuffer values, int series) {
        int quantiles = BoltInterface.QUANTILES.size();
        int steps = shape.predictionLength();
        float[][][] out = new float[series][quantiles][steps];
        for (int s = 0; s < series; s++) {
            for (int q = 0; q < quantiles; q++) {
                values.get((s * quantiles + q) * steps, out[s][q]);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + file + ": close failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session, RuntimeException cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }
}
