package forecastfarm.worker.forecast.ets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormFitsTest {

    private static double[] dailyPrices(long seed, int n) {
        Random random = new Random(seed);
        double[] y = new double[n];
        double level = 100;
        for (int t = 0; t < n; t++) {
            level *= 1 + 0.001 + 0.015 * random.nextGaussian();
            y[t] = level * (1 + 0.01 * Math.sin(2 * Math.PI * t / 5));
        }
        return y;
    }

    @Test
    void threadsFitEveryFormAsOneThreadDoes() {
        List<double[]> series = List.of(EtsInternalsTest.MONTHLY, dailyPrices(1, 240), dailyPrices(2, 40));
        int[] seasons = {12, 5, 5};
        for (int s = 0; s < series.size(); s++) {
            List<EtsSpec> candidates = Ets.candidates(series.get(s), seasons[s], false);
            EtsFitResult[] alone = FormFits.fitAll(series.get(s), seasons[s], candidates, 1);
            EtsFitResult[] threaded = FormFits.fitAll(series.get(s), seasons[s], candidates, 3);
            assertEquals(candidates.size(), threaded.length);
            for (int i = 0; i < alone.length; i++) {
                String form = candidates.get(i).label();
                if (alone[i] == null) {
                    assertNull(threaded[i], form);
                    continue;
                }
                assertEquals(candidates.get(i), threaded[i].spec(), form); // in the candidates' order
                assertEquals(alone[i].aicc(), threaded[i].aicc(), 0.0, form);
                assertEquals(alone[i].evaluations(), threaded[i].evaluations(), form);
                assertArrayEquals(alone[i].finalState(), threaded[i].finalState(), form);
            }
        }
    }

    @Test
    void aFormThatCannotBeFittedIsNullAndTheOthersStay() {
        double[] y = {10, 12, 11, 13, 12, 14, 13}; // 7 points: the seasonal forms have too many parameters
        List<EtsSpec> candidates = Ets.candidates(y, 2, false);
        EtsFitResult[] fits = FormFits.fitAll(y, 2, candidates, 2);
        int fitted = 0;
        for (int i = 0; i < fits.length; i++) {
            if (fits[i] != null) {
                fitted++;
                assertEquals(candidates.get(i), fits[i].spec());
            }
        }
        assertTrue(fitted > 0 && fitted < candidates.size(), fitted + " of " + candidates.size());
    }
}
