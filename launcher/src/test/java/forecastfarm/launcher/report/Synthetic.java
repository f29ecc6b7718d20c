package forecastfarm.launcher.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic series and forecasts for the report tests. */
final class Synthetic {
    private Synthetic() {}

    static double[] seasonal(int n, int season, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        double level = 100;
        for (int i = 0; i < n; i++) {
            level += 0.05 + r.nextGaussian() * 0.8;
            y[i] = level + 6 * Math.sin(2 * Math.PI * i / Math.max(2, season)) + r.nextGaussian();
        }
        return y;
    }

    static String[] days(LocalDate start, int n) {
        String[] ds = new String[n];
        for (int i = 0; i < n; i++) {
            ds[i] = start.plusDays(i).toString();
        }
        return ds;
    }

    static String[] months(YearMonth start, int n) {
        String[] ds = new String[n];
        for (int i = 0; i < n; i++) {
            ds[i] = start.plusMonths(i).toString();
        }
        return ds;
    }

    static String[] hours(LocalDateTime start, int n) {
        String[] ds = new String[n];
        for (int i = 0; i < n; i++) {
            ds[i] = start.plusHours(i).toString().replace('T', ' ');
        }
        return ds;
    }

    static String[] integers(int start, int n) {
        String[] ds = new String[n];
        for (int i = 0; i < n; i++) {
            ds[i] = Integer.toString(start + i);
        }
        return ds;
    }

    /** A naive-style forecast from the last value with intervals growing like sqrt(step). */
    static ModelBand naive(String model, double[] y, int h, double drift, double... levels) {
        double sd = residualSd(y);
        double last = y[y.length - 1];
        double[] mean = new double[h];
        double[][] lo = new double[levels.length][h];
        double[][] hi = new double[levels.length][h];
        for (int t = 0; t < h; t++) {
            mean[t] = last + drift * (t + 1);
            for (int k = 0; k < levels.length; k++) {
                double z = levels[k] >= 95 ? 1.96 : levels[k] >= 90 ? 1.645 : levels[k] >= 80 ? 1.2816 : 0.6745;
                lo[k][t] = mean[t] - z * sd * Math.sqrt(t + 1);
                hi[k][t] = mean[t] + z * sd * Math.sqrt(t + 1);
            }
        }
        return new ModelBand(model, mean, levels.clone(), lo, hi);
    }

    /** Seasonal-naive mean (no intervals). */
    static ModelBand seasonalNaive(String model, double[] y, int h, int season) {
        double[] mean = new double[h];
        for (int t = 0; t < h; t++) {
            mean[t] = y[y.length - season + (t % season)];
        }
        return ModelBand.meanOnly(model, mean);
    }

    static double residualSd(double[] y) {
        double s = 0;
        for (int i = 1; i < y.length; i++) {
            s += (y[i] - y[i - 1]) * (y[i] - y[i - 1]);
        }
        return Math.sqrt(s / Math.max(1, y.length - 1));
    }

    static List<ModelBand> models(double[] y, int h, int season) {
        List<ModelBand> m = new ArrayList<>();
        m.add(naive("naive", y, h, 0, 80, 95));
        m.add(seasonalNaive("snaive", y, h, season));
        m.add(naive("drift", y, h, (y[y.length - 1] - y[0]) / (y.length - 1)));
        return m;
    }
}
