package forecastfarm.worker.forecast;

import forecastfarm.shared.forecast.ForecastRequest;
import java.util.List;

/**
 * A forecasting method. Stateless and thread-safe: {@link #fit} returns a new immutable
 * {@link FittedModel} and keeps no reference to its input.
 */
public interface ForecastModel {

    /**
     * The model's name; a registered model is found under it by {@link Models#byName} ({@link Models#names()} lists
     * them, e.g. "naive" or "arima"). A model given an argument is named by its canonical spec, e.g. "comb:ets+theta".
     */
    String name();

    /**
     * Fits the method to a series.
     *
     * @param y            the observations, oldest first; finite values only; copied, never mutated
     * @param seasonLength observations per season (1 for non-seasonal data); must be at least 1
     * @return a new immutable fitted model
     * @throws ModelException           when the series cannot be fitted (too short, NaN, infinite values)
     * @throws IllegalArgumentException when {@code seasonLength < 1}
     * @throws NullPointerException     when {@code y} is null
     */
    FittedModel fit(double[] y, int seasonLength);

    /**
     * Fits the method with every season length the task has, the main one first (e.g. 48 and 336 for half-hourly
     * data). The default fits with the first, rounded, as {@link #fit(double[], int)}; a model that uses several (mstl)
     * or passes them on (comb, auto) overrides it.
     *
     * @param y       as {@link #fit(double[], int)}
     * @param seasons season lengths, at least one, each finite and at least 1; fractional ones allowed (365.25)
     * @throws IllegalArgumentException when {@code seasons} is empty or a season is below 1 or not finite
     */
    default FittedModel fit(double[] y, double[] seasons) {
        return fit(y, Inputs.mainSeason(seasons));
    }

    /**
     * This model with an argument, as {@code --model NAME:ARG} gives it ({@code comb:ets+theta}). Which models take
     * which argument is declared in the shared {@code ModelCatalog}, which the launcher checks before any worker
     * starts; {@code ModelsTest} checks that the registry's models honour it.
     *
     * @param arguments the models of a list argument, or the one text of a text argument; not empty
     * @return a model whose {@link #name()} is the canonical spec, e.g. {@code comb:ets+theta}
     * @throws IllegalArgumentException when this model takes no argument (the default)
     */
    default ForecastModel withArguments(List<String> arguments) {
        throw new IllegalArgumentException(name() + " takes no argument");
    }

    /**
     * This model as it fits the logs of a positive series (mstl on the log scale): by default itself. ets keeps to
     * additive errors there, as R's {@code ets} does when given a Box-Cox {@code lambda}: a multiplicative error on the
     * log scale compounds the transform, and its likelihood is slow to optimise on logs (mstl on taylor's windows took
     * 1.9 times as long with every form, {@code scripts/bench-mstl-vs-r}).
     */
    default ForecastModel onLogScale() {
        return this;
    }

    /**
     * Whether the fit depends on {@code seasonLength}: a task that was given several seasons then notes which one this
     * model used. False for the models that ignore it (naive, mean, drift).
     */
    default boolean usesSeason() {
        return true;
    }

    /**
     * What a task's note says about the seasons {@link #fit(double[], double[])} used, "" when nothing is worth saying.
     * The default, for a model that takes one integer season: "uses season 24 of 24,168" when the task has several or a
     * fractional one, else "" (and "" when the model ignores seasons). A model that uses several overrides it.
     *
     * @param seasons the task's seasons, as given to {@link #fit(double[], double[])}
     */
    default String seasonNote(double[] seasons) {
        int used = Inputs.mainSeason(seasons);
        if (!usesSeason() || (seasons.length == 1 && seasons[0] == used)) {
            return "";
        }
        return "uses season " + used + " of " + ForecastRequest.formatSeasons(seasons);
    }
}
