package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speed paths of ArimaFit and AutoArima against their reference definitions. */
class ArimaFastPathTest {

    private static final ArimaOrder[] ORDERS = {
        new ArimaOrder(0, 1, 1, 0, 1, 1, 12),
        new ArimaOrder(2, 1, 1, 0, 0, 1, 12),
        new ArimaOrder(1, 0, 1, 0, 1, 1, 12),
        new ArimaOrder(1, 1, 0, 0, 0, 1, 12),
        new ArimaOrder(2, 1, 0, 0, 1, 1, 12),
    };

    private static double[] airPassengers() {
        Map<String, ArimaGolden.Series> series = ArimaGolden.series();
        return series.get("AirPassengers").values();
    }

    /**
     * The search compares ML fits by the exact likelihood of the differenced series; R's criterion
     * (differencing in the state, prior variance 1e6) is used only within AutoArima.TIE. That is
     * sound only if the two AICs are much closer than TIE.
     */
    @Test
    void searchCriterionIsWithinATenthOfTheTieMarginOfRs() {
        double[] y = airPassengers();
        for (ArimaOrder o : ORDERS) {
            for (boolean constant : new boolean[] {false, true}) {
                ArimaFit fit = ArimaFit.fit(y, o, constant);
                double diff = Math.abs(fit.searchAic() - fit.aic());
                assertTrue(
                        diff < AutoArima.TIE / 10,
                        o + " constant=" + constant + ": search AIC " + fit.searchAic() + " vs R's " + fit.aic());
            }
        }
    }

    /** Method CSS: the fit's mean square equals R's ARIMA_CSS (StateSpace.css) at the fitted coefficients. */
    @Test
    void cssMeanSquareMatchesTheReferenceRecursion() {
        double[] y = airPassengers();
        ArimaOrder[] orders = {
            new ArimaOrder(1, 1, 1, 0, 1, 1, 12), // no constant
            new ArimaOrder(2, 0, 1, 1, 0, 1, 12), // mean
            new ArimaOrder(1, 1, 0, 1, 0, 0, 12), // drift
        };
        for (ArimaOrder o : orders) {
            ArimaFit fit = ArimaFit.fit(y, o, true, null, ArimaFit.Method.CSS);
            double[] coef = fit.coefficients();
            int n = y.length;
            double[] xr = new double[n];
            int diffs = o.d() + o.sd();
            double c = fit.hasConstant() ? coef[coef.length - 1] : 0.0;
            for (int t = 0; t < n; t++) {
                double z = diffs == 0 ? 1.0 : t + 1;
                xr[t] = y[t] - (fit.hasConstant() ? c * z : 0.0);
            }
            double[] phi = fit.phi();
            double[] theta = fit.theta();
            int ncond = o.d() + o.sd() * o.period() + phi.length;
            double ref = StateSpace.css(
                    xr,
                    o.d(),
                    o.sd(),
                    o.period(),
                    phi,
                    phi.length,
                    theta,
                    theta.length,
                    ncond,
                    new double[n],
                    new double[n]);
            assertEquals(ref, fit.sigma2Arima(), 1e-9 * ref, o.toString());
        }
    }
}
