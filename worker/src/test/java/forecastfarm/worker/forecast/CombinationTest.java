package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.*;

import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.arima.AutoArima;
import forecastfarm.worker.forecast.ets.Ets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The combination of two baselines, so the contract and the averaging are tested without the big models.
 */
class CombinationTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Combination("comb", List.of("naive", "drift"), Combination.Statistic.MEAN, Models::byName);
    }

    @Override
    protected String expectedName() {
        return "comb";
    }

    @Override
    protected int minimumLength() {
        return 2;
    }

    @Test
    void meanAndBoundsAreTheComponentsAverage() {
        double[] y = {10, 12, 11, 15, 14, 16, 18, 17, 19, 21};
        double[] levels = {80, 95};
        Forecast a = new Naive().fit(y, 1).forecast(4, levels);
        Forecast b = new Drift().fit(y, 1).forecast(4, levels);
        Forecast c = model().fit(y, 1).forecast(4, levels);
        for (int t = 0; t < 4; t++) {
            assertEquals((a.mean()[t] + b.mean()[t]) / 2, c.mean()[t], 1e-12);
            assertEquals((a.lower(1)[t] + b.lower(1)[t]) / 2, c.lower(1)[t], 1e-12);
            assertEquals((a.upper(0)[t] + b.upper(0)[t]) / 2, c.upper(0)[t], 1e-12);
        }
        assertEquals("", c.note());
    }

    /** naive, whose 95% interval is not given (NaN at every step), as a pretrained model's quantiles may not reach it. */
    private static ForecastModel naiveWithout95() {
        return new ForecastModel() {
            @Override
            public String name() {
                return "no95";
            }

            @Override
            public FittedModel fit(double[] y, int seasonLength) {
                FittedModel naive = new Naive().fit(y, seasonLength);
                return new FittedModel() {
                    @Override
                    public String method() {
                        return "No95";
                    }

                    @Override
                    public Forecast forecast(int horizon, double[] levels) {
                        Forecast f = naive.forecast(horizon, levels);
                        double[][] lower = new double[levels.length][];
                        double[][] upper = new double[levels.length][];
                        for (int i = 0; i < levels.length; i++) {
                            boolean given = levels[i] != 95;
                            lower[i] = given ? f.lower(i) : Forecast.notGivenBounds(horizon);
                            upper[i] = given ? f.upper(i) : Forecast.notGivenBounds(horizon);
                        }
                        return new Forecast("No95", "", f.mean(), levels, lower, upper);
                    }
                };
            }
        };
    }

    @Test
    void aLevelOneComponentCannotGiveIsLeftEmptyAndNamedForEitherStatistic() {
        double[] y = {10, 12, 11, 15, 14, 16, 18, 17, 19, 21};
        double[] levels = {80, 95};
        Forecast drift = new Drift().fit(y, 1).forecast(3, levels);
        Forecast naive = new Naive().fit(y, 1).forecast(3, levels);
        for (Combination.Statistic statistic : Combination.Statistic.values()) {
            Combination comb = new Combination(
                    "c",
                    List.of("drift", "no95"),
                    statistic,
                    n -> n.equals("no95") ? naiveWithout95() : Models.byName(n));
            Forecast c = comb.fit(y, 1).forecast(3, levels);
            for (int t = 0; t < 3; t++) {
                assertEquals((drift.mean()[t] + naive.mean()[t]) / 2, c.mean()[t], 1e-12);
                assertEquals((drift.lower(0)[t] + naive.lower(0)[t]) / 2, c.lower(0)[t], 1e-12);
                assertTrue(Double.isNaN(c.lower(1)[t]) && Double.isNaN(c.upper(1)[t]), statistic + " step " + t);
            }
            assertFalse(c.givesLevel(1));
            assertEquals("no interval at 95% (No95 gives none)", c.note());
            assertTrue(c.toModelForecast("c", c.note()).ok(), "a level not given is a valid forecast");
        }
    }

    @Test
    void aComponentThatCannotFitIsLeftOutAndNamed() {
        Combination comb = new Combination("c", List.of("naive", "drift"), Combination.Statistic.MEAN, Models::byName);
        double[] y = {5, 6}; // drift needs 3 observations
        Forecast f = comb.fit(y, 1).forecast(2, new double[] {80});
        assertEquals(6, f.mean()[0], 1e-12);
        assertTrue(f.note().contains("drift"), f.note());
    }

    @Test
    void anUnknownComponentIsLeftOutAndNamed() {
        Combination comb =
                new Combination("c", List.of("naive", "no-such-model"), Combination.Statistic.MEAN, Models::byName);
        Forecast f = comb.fit(new double[] {5, 6, 7}, 1).forecast(1, new double[] {80});
        assertEquals(7, f.mean()[0], 1e-12);
        assertTrue(f.note().contains("no-such-model (Unknown forecast model 'no-such-model'"), f.note());
    }

    @Test
    void failsWhenNoComponentFits() {
        Combination comb = new Combination("c", List.of("drift"), Combination.Statistic.MEAN, Models::byName);
        ModelException ex = assertThrows(ModelException.class, () -> comb.fit(new double[] {1, 2}, 1));
        assertTrue(ex.getMessage().contains("no component of c could fit"), ex.getMessage());
    }

    /** comb:ets+theta, as the worker resolves it from the wire, is the mean of ets's and theta's forecasts. */
    @Test
    void combOfNamedModelsIsTheMeanOfTheirForecasts() {
        Forecast ets = new Ets().fit(SERIES_A, 4).forecast(6, LEVELS);
        Forecast theta = new Theta().fit(SERIES_A, 4).forecast(6, LEVELS);
        ForecastModel comb = Models.forSpec(ModelSpec.parse("model", "comb:ets+theta"));
        assertEquals("comb:ets+theta", comb.name());
        Forecast c = comb.fit(SERIES_A, 4).forecast(6, LEVELS);
        assertEquals("Mean of " + ets.method() + ", " + theta.method(), c.method());
        assertAverages(c, ets, theta);
    }

    /** comb alone is what cross-validation chose: the median of arima, ces, dot, mstl, drift and snaive, by step. */
    @Test
    void combAloneIsTheMedianOfItsSixChosenMembers() {
        String[] members = {"arima", "ces", "dot", "mstl", "drift", "snaive"};
        Forecast[] parts = new Forecast[members.length];
        List<String> methods = new java.util.ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            parts[i] = Models.byName(members[i]).fit(SERIES_A, 4).forecast(6, LEVELS);
            methods.add(parts[i].method());
        }
        Forecast c = Models.forSpec(ModelSpec.parse("model", "comb"))
                .fit(SERIES_A, 4)
                .forecast(6, LEVELS);
        assertEquals("Median of " + String.join(", ", methods), c.method());
        for (int t = 0; t < 6; t++) {
            double[] byStep = new double[members.length];
            double[] lower95 = new double[members.length];
            for (int i = 0; i < members.length; i++) {
                byStep[i] = parts[i].mean()[t];
                lower95[i] = parts[i].lower(1)[t];
            }
            Arrays.sort(byStep);
            Arrays.sort(lower95);
            assertEquals((byStep[2] + byStep[3]) / 2, c.mean()[t], 1e-9, "mean at step " + t);
            assertEquals((lower95[2] + lower95[3]) / 2, c.lower(1)[t], 1e-9, "lower 95 at step " + t);
        }
    }

    /** A written list is the mean of its models, as comb:ets+theta+arima always was. */
    @Test
    void aWrittenListIsTheMeanOfItsModels() {
        Forecast ets = new Ets().fit(SERIES_A, 4).forecast(6, LEVELS);
        Forecast theta = new Theta().fit(SERIES_A, 4).forecast(6, LEVELS);
        Forecast arima = new AutoArima().fit(SERIES_A, 4).forecast(6, LEVELS);
        Forecast c = Models.forSpec(ModelSpec.parse("model", "comb:ets+theta+arima"))
                .fit(SERIES_A, 4)
                .forecast(6, LEVELS);
        assertEquals("Mean of " + ets.method() + ", " + theta.method() + ", " + arima.method(), c.method());
        assertAverages(c, ets, theta, arima);
    }

    /** combine=median takes, step by step, the middle of three forecasts, and the mean of the middle two of four. */
    @Test
    void combineMedianTakesTheMiddleForecastAtEachStep() {
        String[] members = {"naive", "drift", "mean", "theta"};
        Forecast[] parts = new Forecast[members.length];
        for (int i = 0; i < members.length; i++) {
            parts[i] = Models.byName(members[i]).fit(SERIES_B, 1).forecast(5, LEVELS);
        }
        ForecastModel odd = Models.forSpec(ModelSpec.parse("model", "comb:naive+drift+mean+combine=median"));
        assertEquals("comb:naive+drift+mean+combine=median", odd.name());
        Forecast three = odd.fit(SERIES_B, 1).forecast(5, LEVELS);
        assertTrue(three.method().startsWith("Median of "), three.method());
        Forecast four = Models.forSpec(ModelSpec.parse("model", "comb:naive+drift+mean+theta+combine=median"))
                .fit(SERIES_B, 1)
                .forecast(5, LEVELS);
        for (int t = 0; t < 5; t++) {
            double[] byStep = {parts[0].mean()[t], parts[1].mean()[t], parts[2].mean()[t], parts[3].mean()[t]};
            double[] firstThree = Arrays.copyOf(byStep, 3);
            Arrays.sort(firstThree);
            assertEquals(firstThree[1], three.mean()[t], 1e-12, "median of 3 at step " + t);
            Arrays.sort(byStep);
            assertEquals((byStep[1] + byStep[2]) / 2, four.mean()[t], 1e-12, "median of 4 at step " + t);
            double[] upper = {parts[0].upper(1)[t], parts[1].upper(1)[t], parts[2].upper(1)[t]};
            Arrays.sort(upper);
            assertEquals(upper[1], three.upper(1)[t], 1e-12, "upper 95 at step " + t);
        }
    }

    /** The mean is the default statistic: naming it gives the same forecasts and the same canonical name. */
    @Test
    void combineMeanIsTheDefault() {
        ForecastModel named = Models.forSpec(ModelSpec.parse("model", "comb:naive+drift+combine=mean"));
        assertEquals("comb:naive+drift", named.name());
        Forecast f = named.fit(SERIES_B, 1).forecast(3, LEVELS);
        Forecast naive = new Naive().fit(SERIES_B, 1).forecast(3, LEVELS);
        Forecast drift = new Drift().fit(SERIES_B, 1).forecast(3, LEVELS);
        assertAverages(f, naive, drift);
    }

    private static void assertAverages(Forecast combined, Forecast... parts) {
        for (int t = 0; t < combined.horizon(); t++) {
            double mean = 0;
            double lower = 0;
            double upper = 0;
            for (Forecast p : parts) {
                mean += p.mean()[t] / parts.length;
                lower += p.lower(1)[t] / parts.length;
                upper += p.upper(0)[t] / parts.length;
            }
            assertEquals(mean, combined.mean()[t], 1e-9, "mean at step " + t);
            assertEquals(lower, combined.lower(1)[t], 1e-9, "lower 95 at step " + t);
            assertEquals(upper, combined.upper(0)[t], 1e-9, "upper 80 at step " + t);
        }
        assertEquals("", combined.note());
    }
}
