package forecastfarm.worker.forecast.arima;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSV files written by golden_arima.R (header skipped, numbers space-separated in a cell). */
final class ArimaGolden {

    private ArimaGolden() {}

    static List<String[]> rows(String name) {
        return forecastfarm.worker.forecast.GoldenCsv.rows(ArimaGolden.class, name);
    }

    static double[] numbers(String cell) {
        String t = cell.trim();
        if (t.isEmpty()) {
            return new double[0];
        }
        String[] parts = t.split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    record Series(String name, int m, double[] values) {}

    static Map<String, Series> series() {
        Map<String, Series> map = new LinkedHashMap<>();
        for (String[] row : rows("series.csv")) {
            map.put(row[0], new Series(row[0], Integer.parseInt(row[1].trim()), numbers(row[2])));
        }
        return map;
    }
}
