package forecastfarm.worker.forecast.mstl;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import forecastfarm.worker.forecast.Models;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code mstl}: R forecast's {@code stlf} on a multi-seasonal series. The series is decomposed by MSTL (one seasonal
 * component per season length, see {@link MstlDecomposition}); the seasonally adjusted series (trend + remainder) is
 * forecast by a non-seasonal model, fitted with season length 1 ({@code ets} by default, as R's ZZN; {@code mstl:arima}
 * or {@code mstl:theta} name another); each seasonal component is continued by its seasonal naive forecast and added to
 * the points and to both bounds of the adjusted model's intervals (as R does: the seasonal continuation is taken as
 * known).
 *
 * <p>It takes all of a task's seasons ({@link #fit(double[], double[])}): rounded, those below 2 or with fewer than two
 * full periods in the series dropped (see {@link SeasonPeriods}), the forecast's note saying so. With none left, the
 * adjusted model forecasts the series itself. A constant series is not decomposed (its seasonal components are 0).
 * One season iterates MSTL once, several twice, as R's mstl on a ts and on an msts.
 *
 * <p>A positive series with a season to decompose by is decomposed and forecast on the log scale, its points and
 * bounds taken back by {@code exp} ({@code transform=log}, the default: the seasons become proportional to the level
 * and the forecast stays positive; the point is then the forecast's median, as R's {@code biasadj = FALSE}; the
 * adjusted model as {@link ForecastModel#onLogScale()} gives it: ets with additive errors only).
 * {@code mstl:ets+transform=none}, or a series with a value at or below 0 (the note says so), is R's {@code stlf} on
 * the series itself. With no season the adjusted model forecasts the series on its own scale, as it would alone: on
 * the log scale a trend would grow exponentially.
 */
public final class Mstl implements ForecastModel {

    public static final String NAME = "mstl";

    /** Fewest observations accepted: ets's (a shorter series has no season to decompose by). */
    public static final int MIN_LENGTH = 3;

    private static final String TRANSFORM = "transform";
    private static final String LOG = "log";
    /** The note of a series left on its scale under {@code transform=log}. */
    static final String NOT_POSITIVE = "not on the log scale: the series has a value at or below 0";

    private final String name;
    private final String adjustedModel;
    private final boolean logScale;
    private final Function<String, ForecastModel> lookup;

    /** {@code mstl} with the catalog's default adjusted-series model, resolved in the registry. */
    public Mstl() {
        this(Models::member);
    }

    /**
     * {@code mstl} with the catalog's default adjusted-series model.
     *
     * @param lookup resolves the adjusted-series model's name at fit time
     */
    public Mstl(Function<String, ForecastModel> lookup) {
        this(ModelCatalog.MODELS.parse("model", NAME), lookup);
    }

    private Mstl(ModelSpec spec, Function<String, ForecastModel> lookup) {
        ModelDeclaration declared = ModelCatalog.MODELS.find(NAME).orElseThrow();
        this.name = spec.toString();
        this.adjustedModel = declared.modelsIn(spec).get(0);
        this.logScale = LOG.equals(declared.valueIn(spec, TRANSFORM));
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@code mstl:MODEL}: the adjusted series forecast by {@code MODEL}; {@code transform=none} among the arguments
     * leaves the series on its own scale.
     *
     * @throws IllegalArgumentException for more than one model, a model of models, an unknown one or a bad setting, as
     *     the shared {@code ModelCatalog} refuses them
     */
    @Override
    public ForecastModel withArguments(List<String> arguments) {
        return new Mstl(ModelCatalog.MODELS.parse("model", NAME + ":" + String.join("+", arguments)), lookup);
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        return fit(y, new double[] {seasonLength});
    }

    @Override
    public FittedModel fit(double[] y, double[] seasons) {
        double[] checkedSeasons = Inputs.seasons(seasons);
        double[] data = Inputs.series(name, y, MIN_LENGTH);
        ForecastModel adjusted = lookup.apply(adjustedModel);
        SeasonPeriods periods = SeasonPeriods.of(checkedSeasons, data.length);
        if (periods.none() || Inputs.constant(data)) {
            String note = periods.note();
            if (periods.none() && !nonSeasonal(checkedSeasons)) {
                note = Inputs.joinNotes(note, "no season left: " + adjustedModel + " on the series");
            }
            return MstlFit.withoutSeasons(fitAdjusted(adjusted, data), note);
        }
        int iterations = checkedSeasons.length == 1 ? 1 : MstlDecomposition.MULTI_SEASONAL_ITERATIONS;
        if (!logScale || !Inputs.allPositive(data)) {
            String note = logScale ? Inputs.joinNotes(periods.note(), NOT_POSITIVE) : periods.note();
            return decomposed(adjusted, data, periods, iterations, note);
        }
        double[] logs = new double[data.length];
        for (int t = 0; t < data.length; t++) {
            logs[t] = Math.log(data[t]);
        }
        return new LogScaleFit(decomposed(adjusted.onLogScale(), logs, periods, iterations, periods.note()));
    }

    private FittedModel decomposed(
            ForecastModel adjusted, double[] data, SeasonPeriods periods, int iterations, String note) {
        MstlComponents components = MstlDecomposition.decompose(data, periods.periods(), iterations);
        FittedModel fit = fitAdjusted(adjusted, components.seasonallyAdjusted(data));
        return MstlFit.seasonal(components, periods, fit, note);
    }

    /** The adjusted model's failure, named as mstl's. */
    private FittedModel fitAdjusted(ForecastModel adjusted, double[] series) {
        try {
            return adjusted.fit(series, 1);
        } catch (ModelException ex) {
            throw new ModelException(name + ": " + ex.getMessage(), ex);
        }
    }

    /** "": the method names the seasons used and the forecast's note those rounded or dropped. */
    @Override
    public String seasonNote(double[] seasons) {
        return "";
    }

    /** Every season is 1: the task has none, nothing to note. */
    private static boolean nonSeasonal(double[] seasons) {
        for (double season : seasons) {
            if (season != 1) {
                return false;
            }
        }
        return true;
    }
}
