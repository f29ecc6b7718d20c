package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixed-order fits against R's forecast::Arima (golden_arima.R, fixed_fits.csv). */
class ArimaFitGoldenTest {

    @TestFactory
    List<DynamicTest> matchesRArima() {
        Map<String, ArimaGolden.Series> series = ArimaGolden.series();
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : ArimaGolden.rows("fixed_fits.csv")) {
            ArimaGolden.Series s = series.get(row[0]);
            int[] o = new int[7];
            for (int i = 0; i < 7; i++) {
                o[i] = Integer.parseInt(row[i + 1].trim());
            }
            int period = (o[3] + o[4] + o[5]) > 0 ? s.m() : 1;
            ArimaOrder order = new ArimaOrder(o[0], o[1], o[2], o[3], o[4], o[5], period);
            boolean constant = o[6] == 1;
            tests.add(DynamicTest.dynamicTest(s.name() + " " + order + (constant ? " +c" : ""), () -> {
                ArimaFit fit = ArimaFit.fit(s.values(), order, constant);
                double[] coef = ArimaGolden.numbers(row[8]);
                double[] got = fit.coefficients();
                assertEquals(coef.length, got.length, "number of coefficients");
                for (int i = 0; i < coef.length; i++) {
                    assertEquals(coef[i], got[i], 1e-3 * Math.max(1, Math.abs(coef[i])), "coef " + i + " " + fit);
                }
                double ll = ArimaGolden.numbers(row[9])[0];
                assertEquals(ll, fit.logLikelihood(), 1e-3 * Math.max(1, Math.abs(ll)), "loglik");
                assertEquals(ArimaGolden.numbers(row[11])[0], fit.aicc(), 2e-3 * Math.abs(ll) + 1e-3, "aicc");
                assertEquals(ArimaGolden.numbers(row[12])[0], fit.bic(), 2e-3 * Math.abs(ll) + 1e-3, "bic");
                double sigma2 = ArimaGolden.numbers(row[13])[0];
                assertEquals(sigma2, fit.sigma2(), 2e-3 * sigma2, "sigma2");
                double[] mean = ArimaGolden.numbers(row[14]);
                double[] se = ArimaGolden.numbers(row[15]);
                double[][] pred = fit.predict(mean.length);
                for (int h = 0; h < mean.length; h++) {
                    assertEquals(mean[h], pred[0][h], 2e-3 * Math.max(se[0], Math.abs(mean[h]) * 1e-3), "mean " + h);
                    assertEquals(se[h], pred[1][h], 2e-3 * se[h], "se " + h);
                }
            }));
        }
        return tests;
    }
}
