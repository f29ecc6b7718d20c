package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** auto.arima's chosen orders against R (golden_arima.R, auto_arima.csv). */
class AutoArimaGoldenTest {

    @Test
    void choosesRsOrderOnMostGoldenSeriesWithRsAiccAndForecasts() {
        Map<String, ArimaGolden.Series> series = ArimaGolden.series();
        int total = 0;
        int same = 0;
        StringBuilder report = new StringBuilder();
        for (String[] row : ArimaGolden.rows("auto_arima.csv")) {
            ArimaGolden.Series s = series.get(row[0]);
            ArimaFit fit = new AutoArima().fit(s.values(), s.m());
            ArimaOrder o = fit.order();
            String got = o.p() + "," + o.d() + "," + o.q() + "," + o.sp() + "," + o.sd() + "," + o.sq() + ","
                    + (fit.hasConstant() ? 1 : 0);
            StringBuilder want = new StringBuilder();
            for (int i = 1; i <= 7; i++) {
                want.append(i > 1 ? "," : "").append(row[i].trim());
            }
            total++;
            if (got.equals(want.toString())) {
                same++;
                double[] rMean = ArimaGolden.numbers(row[9]);
                double[] mean = fit.forecast(rMean.length, new double[0]).mean();
                double aiccR = Double.parseDouble(row[8].trim());
                assertEquals(aiccR, fit.aicc(), 1e-3 * Math.max(1, Math.abs(aiccR)), s.name() + " aicc");
                for (int h = 0; h < rMean.length; h++) {
                    assertEquals(rMean[h], mean[h], 2e-3 * Math.max(1, Math.abs(rMean[h])), s.name() + " mean " + h);
                }
            }
            report.append(String.format(
                    "%-14s R %-16s Java %-16s aicc R %s Java %.4f%n", s.name(), want, got, row[8].trim(), fit.aicc()));
        }
        System.out.println("auto.arima golden: " + same + "/" + total + " orders match\n" + report);
        assertTrue(same >= total - 1, same + "/" + total + " orders match\n" + report);
    }
}
