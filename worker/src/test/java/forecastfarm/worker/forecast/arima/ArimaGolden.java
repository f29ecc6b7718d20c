package forecastfarm.worker.forecast.arima;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSV files written by golden_arima.R (header skipped, numbers space-separated in a cell). */
final class ArimaGolden {

    private ArimaGolden() {
    }

    static List<String[]> rows(String name) {
        InputStream in = ArimaGolden.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name + " (written by golden_arima.R)");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
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

    record Series(String name, int m, double[] values) {
    }

    static Map<String, Series> series() {
        Map<String, Series> map = new LinkedHashMap<>();
        for (String[] row : rows("series.csv")) {
            map.put(row[0], new Series(row[0], Integer.parseInt(row[1].trim()), numbers(row[2])));
        }
        return map;
    }
}
