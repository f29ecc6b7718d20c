package forecastfarm.worker.forecast.arima;

/**
 * The orders of a seasonal ARIMA(p,d,q)(P,D,Q)m model.
 *
 * @param p      non-seasonal AR order
 * @param d      non-seasonal differences
 * @param q      non-seasonal MA order
 * @param sp     seasonal AR order P
 * @param sd     seasonal differences D
 * @param sq     seasonal MA order Q
 * @param period season length m (1 when non-seasonal; seasonal orders must then be 0)
 */
public record ArimaOrder(int p, int d, int q, int sp, int sd, int sq, int period) {

    public ArimaOrder {
        if (p < 0 || d < 0 || q < 0 || sp < 0 || sd < 0 || sq < 0 || period < 1) {
            throw new IllegalArgumentException("invalid ARIMA order " + p + "," + d + "," + q + "," + sp + "," + sd
                    + "," + sq + " period " + period);
        }
        if (period == 1 && (sp > 0 || sd > 0 || sq > 0)) {
            throw new IllegalArgumentException("seasonal orders need a period above 1");
        }
    }

    /** A non-seasonal ARIMA(p,d,q). */
    public static ArimaOrder of(int p, int d, int q) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 1);
    }

    @Override
    public String toString() {
        String s = "ARIMA(" + p + "," + d + "," + q + ")";
        if (sp + sd + sq > 0) {
            s += "(" + sp + "," + sd + "," + sq + ")[" + period + "]";
        }
        return s;
    }
}
