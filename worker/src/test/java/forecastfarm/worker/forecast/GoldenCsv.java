package forecastfarm.worker.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the small comma-separated golden files the R scripts beside them write (header skipped). */
public final class GoldenCsv {

    private GoldenCsv() {}

    static List<String[]> rows(String resource) {
        return rows(GoldenCsv.class, resource);
    }

    /**
     * @param anchor   the resource is looked up relative to this class's package
     * @param resource the file name, as the R script beside it writes it
     */
    public static List<String[]> rows(Class<?> anchor, String resource) {
        InputStream in = anchor.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource + " in the resources of "
                    + anchor.getPackageName() + " (the golden_*.R script beside it writes it)");
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

    /** Parses R's number formatting, including Inf and -Inf. */
    static double number(String s) {
        switch (s) {
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }
}
