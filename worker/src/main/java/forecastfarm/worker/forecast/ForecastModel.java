package forecastfarm.worker.forecast;

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
     * Whether the fit depends on {@code seasonLength}: a task that was given several seasons then notes which one this
     * model used. False for the models that ignore it (naive, mean, drift).
     */
    default boolean usesSeason() {
        return true;
    }
}
