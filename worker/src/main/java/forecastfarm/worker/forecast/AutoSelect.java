package forecastfarm.worker.forecast;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.cv.CvScoring;
import forecastfarm.worker.cv.CvWindows;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code auto}: per series, the member model with the best rolling-origin cross-validated score, fitted on the whole
 * series. {@code auto} alone chooses among ets, theta, arima and comb by MASE over 2 windows (the shared
 * {@code ModelCatalog} declares these defaults); {@code auto:naive+snaive+by=smape+windows=3} among the models named,
 * by the score and over the windows given.
 *
 * <p>The choice needs the horizon, so the fitted model makes it in {@link FittedModel#forecast}, from the series it
 * was fitted on only: {@code K} windows with step {@code h}, so that they do not overlap and their test parts cover
 * the last {@code K * h} points (the windows of {@code farm cv --windows K --step H}, expanding, scored the same way by
 * {@link CvScoring}). Each member is refitted in each window. The scores: {@code mase} (the default), {@code smape},
 * {@code rmse}, or {@code msis} at the 95% level when the forecast asks for it, else at its highest level (95% when it
 * asks for none). A member is eligible when it forecast every window and its score is a number (MASE and MSIS are NaN
 * when a window's training part is constant); the lowest score wins, a tie going to the member listed first. The
 * winner is then fitted on the whole series and forecast ({@code method}: {@code auto->} and the winner's method; the
 * note names the score and the other members'); should it fail there, the next best is taken.
 *
 * <p>A series too short for the windows (fewer than {@code K * h + 2} points: a window trains on at least 2) is
 * forecast by {@code comb}, as is one where no member is eligible; the note says why. When comb fails as well, the
 * error says both.
 */
public final class AutoSelect implements ForecastModel {

    public static final String NAME = "auto";

    /** What a series without a choice is forecast with. */
    static final String FALLBACK = "comb";

    /** The level MSIS is scored at, when the forecast asks for it. */
    private static final double MSIS_LEVEL = 95;

    private final String name;
    private final List<String> members;
    private final String by;
    private final ToDoubleFunction<CvResult.Score> score;
    private final int windows;
    private final Function<String, ForecastModel> lookup;

    /**
     * {@code auto} with the catalog's default members and settings.
     *
     * @param lookup resolves member names at forecast time (so auto can name models registered after it)
     */
    public AutoSelect(Function<String, ForecastModel> lookup) {
        this(ModelCatalog.MODELS.parse("model", NAME), lookup);
    }

    private AutoSelect(ModelSpec spec, Function<String, ForecastModel> lookup) {
        this.name = spec.toString();
        this.members = List.copyOf(declaration().modelsIn(spec));
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.by = declaration().valueIn(spec, "by");
        this.score = score(by);
        this.windows = Integer.parseInt(declaration().valueIn(spec, "windows"));
    }

    private static ModelDeclaration declaration() {
        return ModelCatalog.MODELS.find(NAME).orElseThrow();
    }

    /** The score {@code by} names; every choice the catalog declares for it has one. */
    static ToDoubleFunction<CvResult.Score> score(String by) {
        return switch (by) {
            case "mase" -> CvResult.Score::mase;
            case "smape" -> CvResult.Score::smape;
            case "rmse" -> CvResult.Score::rmse;
            case "msis" -> s -> s.msis()[0];
            default -> throw new IllegalStateException("auto has no score '" + by + "'");
        };
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@code auto} choosing among the models of {@code arguments}, with its settings ({@code by=smape},
     * {@code windows=3}), as the shared {@code ModelCatalog} parses them; settings alone keep the default members.
     *
     * @throws IllegalArgumentException for an unknown model or setting, or a bad value, naming it
     */
    @Override
    public ForecastModel withArguments(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException(NAME + " needs at least one model or setting");
        }
        return new AutoSelect(ModelCatalog.MODELS.parse("model", NAME + ":" + String.join("+", arguments)), lookup);
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        return fit(y, new double[] {seasonLength});
    }

    /** Keeps all the seasons: each member is fitted with them, in the windows and on the whole series. */
    @Override
    public FittedModel fit(double[] y, double[] seasons) {
        double[] checked = Inputs.seasons(seasons);
        return new Fit(Inputs.series(name, y, 1), checked);
    }

    /** "": the forecast's note carries the chosen member's season note. */
    @Override
    public String seasonNote(double[] seasons) {
        return "";
    }

    private final class Fit implements FittedModel {
        private final double[] y;
        private final double[] seasons;

        Fit(double[] y, double[] seasons) {
            this.y = y;
            this.seasons = seasons;
        }

        @Override
        public String method() {
            return "Auto selection of " + String.join(", ", members) + " by " + by + " over " + windows + " windows";
        }

        @Override
        public Forecast forecast(int horizon, double[] levels) {
            Inputs.horizon(horizon);
            double[] lv = Inputs.levels(levels);
            int needed = CvWindows.pointsNeeded(horizon, windows, horizon);
            if (y.length < needed) {
                return fallback(
                        "too short for " + windows + " windows of h=" + horizon + " (needs " + needed + " points, has "
                                + y.length + ")",
                        horizon,
                        lv);
            }
            double[] scoreLevels = by.equals("msis") ? new double[] {msisLevel(lv)} : new double[0];
            CvRequest request = new CvRequest(
                    new ForecastRequest(y, horizon, seasons.clone(), members, scoreLevels), windows, horizon, 0);
            List<CvResult.Window> cv = CvWindows.windows(request, this::forecastWindow);
            List<CvResult.Score> scores = CvScoring.scores(members, scoreLevels, horizon, cv);
            List<Integer> ranked = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                if (eligible(scores.get(i))) {
                    ranked.add(i);
                }
            }
            // a stable sort: a tie keeps the member listed first
            ranked.sort(Comparator.comparingDouble(i -> score.applyAsDouble(scores.get(i))));
            List<String> failedOnWhole = new ArrayList<>();
            for (int chosen : ranked) {
                String member = members.get(chosen);
                Forecast forecast;
                String memberNote;
                try {
                    ForecastModel model = lookup.apply(member);
                    forecast = model.fit(y, seasons).forecast(horizon, lv);
                    memberNote = Inputs.joinNotes(model.seasonNote(seasons), forecast.note());
                } catch (RuntimeException ex) {
                    failedOnWhole.add(member + " (" + ex.getMessage() + ")");
                    continue;
                }
                if (!forecast.toModelForecast(member, "").ok()) {
                    failedOnWhole.add(member + " (non-finite forecasts)");
                    continue;
                }
                String note =
                        "chosen by " + scoreName(scoreLevels) + " " + format(score.applyAsDouble(scores.get(chosen)))
                                + " over " + windows + " windows of h=" + horizon + others(chosen, scores, cv)
                                + (failedOnWhole.isEmpty()
                                        ? ""
                                        : "; failed on the whole series: " + String.join(", ", failedOnWhole))
                                + (memberNote.isEmpty() ? "" : "; " + member + ": " + memberNote);
                return relabel(forecast, note);
            }
            String why = ranked.isEmpty()
                    ? "no member forecast every window with a finite " + scoreName(scoreLevels) + " ("
                            + String.join(", ", reasons(scores, cv)) + ")"
                    : "no eligible member forecast the whole series (" + String.join(", ", failedOnWhole) + ")";
            return fallback(why, horizon, lv);
        }

        /** One member's forecast of one window's training part; a failure is carried, not thrown. */
        private ModelForecast forecastWindow(String member, ForecastRequest part) {
            try {
                Forecast forecast =
                        lookup.apply(member).fit(part.y(), part.seasons()).forecast(part.horizon(), part.levels());
                return forecast.toModelForecast(member, forecast.note());
            } catch (RuntimeException ex) {
                return ModelForecast.failed(member, ex.getMessage() == null ? ex.toString() : ex.getMessage());
            }
        }

        private boolean eligible(CvResult.Score s) {
            return s.windows() == windows && Double.isFinite(score.applyAsDouble(s));
        }

        /** {@code ; theta 0.803, arima 0.931, comb failed in 1 of 2 windows (...)}: the members not chosen. */
        private String others(int chosen, List<CvResult.Score> scores, List<CvResult.Window> cv) {
            List<String> others = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                if (i != chosen) {
                    others.add(describe(i, scores.get(i), cv));
                }
            }
            return others.isEmpty() ? "" : "; " + String.join(", ", others);
        }

        private List<String> reasons(List<CvResult.Score> scores, List<CvResult.Window> cv) {
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                reasons.add(describe(i, scores.get(i), cv));
            }
            return reasons;
        }

        private String describe(int i, CvResult.Score s, List<CvResult.Window> cv) {
            String member = members.get(i);
            if (s.windows() < windows) {
                Set<String> errors = new LinkedHashSet<>();
                cv.forEach(w -> {
                    if (!w.forecasts().get(i).ok()) {
                        errors.add(w.forecasts().get(i).error());
                    }
                });
                return member + " failed in " + (windows - s.windows()) + " of " + windows + " windows ("
                        + String.join(" / ", errors) + ")";
            }
            ModelForecast first = cv.get(0).forecasts().get(i);
            if (by.equals("msis") && first.levels().length > 0 && Double.isNaN(first.lower()[0][0])) {
                // a pretrained model's quantiles may not reach the level: it cannot be chosen by this score
                return member + " gives no " + Inputs.formatLevel(first.levels()[0]) + "% interval";
            }
            return member + " " + format(score.applyAsDouble(s));
        }

        /** {@link #FALLBACK}'s forecast, noted with why it was used. */
        private Forecast fallback(String why, int horizon, double[] lv) {
            Forecast forecast;
            String fallbackNote;
            try {
                ForecastModel model = lookup.apply(FALLBACK);
                forecast = model.fit(y, seasons).forecast(horizon, lv);
                fallbackNote = Inputs.joinNotes(model.seasonNote(seasons), forecast.note());
            } catch (RuntimeException ex) {
                throw new ModelException(why + ", and the fallback " + FALLBACK + " failed: " + ex.getMessage(), ex);
            }
            return relabel(
                    forecast,
                    why + ": " + FALLBACK + (fallbackNote.isEmpty() ? "" : "; " + FALLBACK + ": " + fallbackNote));
        }

        private String scoreName(double[] scoreLevels) {
            return scoreLevels.length == 0 ? by : by + " at " + Inputs.formatLevel(scoreLevels[0]) + "%";
        }
    }

    /** MSIS's level: 95 when the forecast asks for it, else its highest; 95 when it asks for none. */
    static double msisLevel(double[] levels) {
        double highest = Double.NaN;
        for (double level : levels) {
            if (level == MSIS_LEVEL) {
                return level;
            }
            highest = Double.isNaN(highest) ? level : Math.max(highest, level);
        }
        return Double.isNaN(highest) ? MSIS_LEVEL : highest;
    }

    /** {@code forecast} as auto's: its method prefixed with {@code auto->}, and {@code note}. */
    private static Forecast relabel(Forecast forecast, String note) {
        double[] levels = forecast.levels();
        double[][] lower = new double[levels.length][];
        double[][] upper = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            lower[i] = forecast.lower(i);
            upper[i] = forecast.upper(i);
        }
        return new Forecast(NAME + "->" + forecast.method(), note, forecast.mean(), levels, lower, upper);
    }

    /** Three significant digits: 0.712, 12.3, 4560; 1.23e-05 and 1.23e+07 outside [0.001, 1e7); NaN. */
    static String format(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value == 0 ? "0" : Double.toString(value);
        }
        double abs = Math.abs(value);
        return abs >= 1e-3 && abs < 1e7
                ? BigDecimal.valueOf(value)
                        .round(new MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString()
                : String.format(Locale.ROOT, "%.2e", value);
    }
}
