package forecastfarm.launcher;

import forecastfarm.shared.forecast.ModelCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs the launcher through a whole small job, so that {@code -XX:ArchiveClassesAtExit} records the classes a
 * launcher loads (picocli, the CSV reader, Chronicle Map and Queue, Jackson, XChart and Java2D for the plots) and,
 * as a side effect, so the workers' class cache for this build exists: {@code scripts/common.sh} runs it once per
 * build and Java, and starts every launcher with the archive. A forecast of 3 generated series with every built-in model,
 * plots, the report and an {@code inspect --id}, in a scratch folder that is deleted afterwards.
 *
 * <p>Exit code: the forecast's.
 */
public final class ClassCacheTraining {
    private static final int SERIES = 3;
    private static final int POINTS = 60;

    private ClassCacheTraining() {}

    public static void main(final String[] args) throws IOException {
        final Path scratch = Files.createTempDirectory("forecast-farm-class-cache");
        final int exitCode;
        try {
            exitCode = train(scratch);
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        System.exit(exitCode);
    }

    /**
     * The training job, in {@code scratch}: every model built into the worker (a plugin's model needs its own jar
     * and arguments, which a launcher's training has neither of).
     *
     * @return the forecast's exit code
     */
    static int train(final Path scratch) throws IOException {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            final Path input = scratch.resolve("series.csv");
            Files.writeString(input, series(), StandardCharsets.UTF_8);
            final Path farmDir = scratch.resolve("farm");
            final int exitCode = FarmCli.execute(
                    new String[] {
                        "forecast",
                        "--input",
                        input.toString(),
                        "--horizon",
                        "6",
                        "--model",
                        String.join(",", ModelCatalog.MODELS.builtInNames()),
                        "--workers",
                        "1",
                        "--plots",
                        "all",
                        "--out",
                        scratch.resolve("out").toString(),
                        "--farm-dir",
                        farmDir.toString()
                    },
                    quiet);
            FarmCli.execute(new String[] {"inspect", "--farm-dir", farmDir.toString(), "--id", "s0"}, quiet);
            return exitCode;
        }
    }

    /** Monthly series with a trend and a season, in the long format. */
    private static String series() {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int s = 0; s < SERIES; s++) {
            for (int t = 0; t < POINTS; t++) {
                csv.append(String.format(
                        Locale.ROOT,
                        "s%d,%d-%02d,%.3f%n",
                        s,
                        2020 + t / 12,
                        t % 12 + 1,
                        100 + 5 * s + 0.5 * t + 10 * Math.sin(t * Math.PI / 6)));
            }
        }
        return csv.toString();
    }
}
