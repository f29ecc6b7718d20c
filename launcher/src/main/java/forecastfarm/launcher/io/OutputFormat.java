package forecastfarm.launcher.io;

import java.util.Locale;

/** The file format of the forecasts ({@code --output-format}); failed.csv, joblog.tsv and summary.json stay as they are. */
public enum OutputFormat {
    CSV("forecasts.csv"),
    PARQUET("forecasts.parquet");

    private final String forecastsFile;

    OutputFormat(String forecastsFile) {
        this.forecastsFile = forecastsFile;
    }

    /** The name of the forecasts file in {@code --out}. */
    public String forecastsFile() {
        return forecastsFile;
    }

    /**
     * @throws IllegalArgumentException naming the option and the accepted values
     */
    public static OutputFormat parse(String name) {
        String s = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.name().equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("invalid --output-format '" + name + "': use csv or parquet");
    }
}
