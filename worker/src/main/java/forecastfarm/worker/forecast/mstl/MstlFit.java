package forecastfarm.worker.forecast.mstl;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;

/**
 * A fitted {@link Mstl}: the adjusted series' fitted model plus the seasonal components' continuation, added to its
 * points and bounds. Immutable.
 */
final class MstlFit implements FittedModel {

    private final MstlComponents components; // null when the series was not decomposed
    private final FittedModel adjusted;
    private final String method;
    private final String note;

    private MstlFit(MstlComponents components, FittedModel adjusted, String method, String note) {
        this.components = components;
        this.adjusted = adjusted;
        this.method = method;
        this.note = note;
    }

    /** The series decomposed by {@code periods}; {@code adjusted} fitted to its seasonally adjusted series. */
    static MstlFit seasonal(MstlComponents components, SeasonPeriods periods, FittedModel adjusted, String note) {
        return new MstlFit(components, adjusted, "MSTL(" + periods.text() + ") + " + adjusted.method(), note);
    }

    /** No season to decompose by (or a constant series): {@code adjusted} fitted to the series itself. */
    static MstlFit withoutSeasons(FittedModel adjusted, String note) {
        return new MstlFit(null, adjusted, "MSTL() + " + adjusted.method(), note);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        Forecast base = adjusted.forecast(horizon, lv);
        double[] seasonal = components == null ? new double[horizon] : components.seasonalForecast(horizon);
        double[] mean = shifted(base.mean(), seasonal);
        double[][] lower = new double[lv.length][];
        double[][] upper = new double[lv.length][];
        for (int i = 0; i < lv.length; i++) {
            lower[i] = shifted(base.lower(i), seasonal);
            upper[i] = shifted(base.upper(i), seasonal);
        }
        return new Forecast(method, Inputs.joinNotes(note, base.note()), mean, lv, lower, upper);
    }

    private static double[] shifted(double[] values, double[] seasonal) {
        double[] out = values.clone();
        for (int t = 0; t < out.length; t++) {
            out[t] += seasonal[t];
        }
        return out;
    }
}
