package forecastfarm.worker.forecast.arima;

import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;

/**
 * A seasonal ARIMA with fixed orders, fitted by CSS-ML as forecast's Arima(y, order, seasonal,
 * include.constant). The season length passed to {@link #fit} is the period of the seasonal part
 * (ignored when the seasonal orders are all zero). Not registered in Models; {@link AutoArima}
 * is the registry's "arima".
 */
public final class Arima implements ForecastModel {

    private final int p;
    private final int d;
    private final int q;
    private final int sp;
    private final int sd;
    private final int sq;
    private final boolean constant;

    /** ARIMA(p,d,q)(P,D,Q) with a mean (d + D = 0) or drift (d + D = 1) when {@code constant}. */
    public Arima(int p, int d, int q, int sp, int sd, int sq, boolean constant) {
        new ArimaOrder(p, d, q, sp, sd, sq, sp + sd + sq > 0 ? 2 : 1); // validates
        this.p = p;
        this.d = d;
        this.q = q;
        this.sp = sp;
        this.sd = sd;
        this.sq = sq;
        this.constant = constant;
    }

    @Override
    public String name() {
        return "Arima(" + p + "," + d + "," + q + ")(" + sp + "," + sd + "," + sq + ")" + (constant ? "+c" : "");
    }

    @Override
    public ArimaFit fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] x = Inputs.series(name(), y, 0);
        boolean seasonal = sp + sd + sq > 0;
        if (seasonal && seasonLength < 2) {
            throw new ModelException(name() + ": seasonal orders need a season length of at least 2");
        }
        ArimaOrder order = new ArimaOrder(p, d, q, sp, sd, sq, seasonal ? seasonLength : 1);
        return ArimaFit.fit(x, order, constant);
    }
}
