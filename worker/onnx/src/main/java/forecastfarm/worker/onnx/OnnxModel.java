package forecastfarm.worker.onnx;

import forecastfarm.api.WorkerThreads;
import forecastfarm.worker.forecast.BatchForecaster;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code onnx} model: a pretrained model exported to ONNX with Chronos-Bolt's interface ({@link BoltInterface}),
 * run by ONNX Runtime in the worker. Registered without a file (found by the worker's {@code Models} through this
 * jar's {@code META-INF/services}); {@code withArguments(List.of(PATH))} opens and checks the file, once per worker
 * ({@link BoltSessions}), and gives the model named {@code onnx:PATH}.
 *
 * <p>Nothing is estimated per series: {@link #fit} keeps the series and {@link FittedModel#forecast} runs the model.
 * {@link #forecastBatch} runs many series in one model call, which is where ONNX Runtime pays (see the module's
 * measurements). A series may hold NaN for missing values (the model masks them); infinite values are refused.
 *
 * <p>Threads: ONNX Runtime's intra-op threads are the worker's share of the cores ({@link WorkerThreads}, which the
 * farm sets from {@code --worker-threads}), so that N workers do not oversubscribe the machine.
 */
public final class OnnxModel implements ForecastModel, BatchForecaster {

    public static final String NAME = "onnx";

    private final String argument;
    private final BoltSession session;

    /** The registered model, without a file: it only takes one ({@link #withArguments}). */
    public OnnxModel() {
        this.argument = null;
        this.session = null;
    }

    private OnnxModel(String argument, BoltSession session) {
        this.argument = argument;
        this.session = session;
    }

    /**
     * The model of one file, opened with this worker's threads ({@link WorkerThreads#available()}) as intra-op threads.
     *
     * @param file the {@code .onnx} file (relative to the worker's working directory when not absolute)
     * @throws OnnxLoadException naming the file and what is wrong with it
     */
    public static OnnxModel of(String file) {
        return of(file, WorkerThreads.available());
    }

    /** As {@link #of(String)} with the intra-op threads given. */
    public static OnnxModel of(String file, int intraOpThreads) {
        Objects.requireNonNull(file, "file");
        if (file.isBlank()) {
            throw new IllegalArgumentException(NAME + " needs a model file: " + NAME + ":PATH");
        }
        return new OnnxModel(file, BoltSessions.open(Path.of(file), intraOpThreads));
    }

    /** {@code onnx} when registered, {@code onnx:PATH} with a file (the path as given). */
    @Override
    public String name() {
        return argument == null ? NAME : NAME + ":" + argument;
    }

    /**
     * @param arguments exactly one: the model file
     * @throws OnnxLoadException when the file is missing, not ONNX or of another interface
     */
    @Override
    public ForecastModel withArguments(List<String> arguments) {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException(NAME + " takes one model file, got " + arguments);
        }
        return of(arguments.get(0));
    }

    @Override
    public boolean usesSeason() {
        return false;
    }

    /** The opened model; null for the registered one, which has no file. */
    public BoltSession session() {
        return session;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("season length must be at least 1, got " + seasonLength);
        }
        return new OnnxFit(this, checkedSeries(y));
    }

    /**
     * Forecasts a batch of series with as few model runs as the model's batch size allows. Each forecast is the one
     * {@code fit(series.get(i), 1).forecast(horizon, levels)} gives.
     *
     * @param series  the series, oldest first, each at least one value; NaN marks a missing value
     * @param horizon steps, at least 1
     * @param levels  interval levels in percent, each in (0, 100)
     * @return one forecast per series, in order
     * @throws ModelException for a series that is empty or holds an infinite value (naming its index)
     */
    @Override
    public List<Forecast> forecastBatch(List<double[]> series, int horizon, double[] levels) {
        requireFile();
        List<double[]> checked = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            try {
                checked.add(checkedSeries(series.get(i)));
            } catch (ModelException e) {
                throw new ModelException("series " + i + " of the batch: " + e.getMessage(), e);
            }
        }
        return forecastChecked(checked, horizon, levels);
    }

    List<Forecast> forecastChecked(List<double[]> series, int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] checkedLevels = Inputs.levels(levels);
        double[][][] quantiles = session.predict(series, horizon);
        int predictionLength = session.shape().predictionLength();
        String note = horizon > predictionLength
                ? "steps " + (predictionLength + 1) + "-" + horizon + " forecast from the median of the steps before"
                        + " (the model forecasts " + predictionLength + "), so their intervals are too narrow"
                : "";
        List<Forecast> forecasts = new ArrayList<>(series.size());
        for (double[][] q : quantiles) {
            forecasts.add(QuantileForecasts.toForecast(method(), note, q, checkedLevels));
        }
        return forecasts;
    }

    String method() {
        return "Chronos-Bolt ONNX (" + session.file().getFileName() + ")";
    }

    private void requireFile() {
        if (session == null) {
            throw new IllegalArgumentException(NAME + " needs a model file: " + NAME + ":PATH");
        }
    }

    private double[] checkedSeries(double[] y) {
        requireFile();
        Objects.requireNonNull(y, "y");
        if (y.length == 0) {
            throw new ModelException(NAME + ": empty series");
        }
        for (double value : y) {
            if (Double.isInfinite(value)) {
                throw new ModelException(NAME + ": infinite value in the series");
            }
        }
        return y.clone();
    }
}
