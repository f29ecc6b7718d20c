package forecastfarm.launcher.bench;

import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.io.parquet.ParquetRowWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code scripts/bench parquet-read}: the same long table (series x days, daily dates, values with 2 decimals) as a
 * CSV and as a Parquet file (DATE ds, DOUBLE y, Snappy), each read end to end by the farm's reader for it (the same
 * {@link Series} handed over), alternating, with the median of the reps side by side. One JVM: the first rep of each
 * warms it up and is not counted.
 */
final class ParquetReadBench {
    private final PrintStream out;
    private final Path scratch;

    ParquetReadBench(PrintStream out, Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    void run(BenchArgs args) {
        try {
            measure(args);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException("cannot write the benchmark's files in " + scratch, ex);
        }
    }

    private void measure(BenchArgs args) throws IOException {
        int series = args.intValue("series", 1000, 1);
        int days = args.intValue("days", 1000, 2);
        int reps = args.intValue("reps", 5, 1);
        Path csv = scratch.resolve("long.csv");
        Path parquet = scratch.resolve("long.parquet");
        write(csv, parquet, series, days);
        out.printf(
                Locale.ROOT,
                "long table: %d series x %d days = %d rows; CSV %.1f MB, Parquet %.1f MB%n",
                series,
                days,
                (long) series * days,
                Files.size(csv) / 1e6,
                Files.size(parquet) / 1e6);
        double[] csvMs = new double[reps];
        double[] parquetMs = new double[reps];
        for (int r = -1; r < reps; r++) {
            double c = readMs(csv, series);
            double p = readMs(parquet, series);
            if (r < 0) {
                out.printf(
                        Locale.ROOT,
                        "first read (cold JVM, class loading; not counted): csv %.0f ms, parquet %.0f ms%n",
                        c,
                        p);
            } else {
                csvMs[r] = c;
                parquetMs[r] = p;
                out.printf(Locale.ROOT, "rep %d: csv %.0f ms, parquet %.0f ms%n", r + 1, c, p);
            }
        }
        double c = BenchMath.median(csvMs);
        double p = BenchMath.median(parquetMs);
        out.printf(
                Locale.ROOT,
                "median of %d: csv %.0f ms (%.2f M rows/s), parquet %.0f ms (%.2f M rows/s); parquet/csv %.2f%n",
                reps,
                c,
                (double) series * days / c / 1e3,
                p,
                (double) series * days / p / 1e3,
                p / c);
    }

    private static double readMs(Path input, int expectedSeries) {
        long t0 = System.nanoTime();
        InputFormat format = InputFormat.detect(input, null, null, null);
        int[] count = {0};
        double[] sum = {0};
        format.readerFor(input, null, null, null, TimeSettings.DEFAULT, RecentDs.DEFAULT)
                .read(
                        input,
                        s -> {
                            count[0]++;
                            sum[0] += s.y()[s.length() - 1];
                        },
                        p -> {
                            throw new IllegalStateException(p.message());
                        });
        double ms = (System.nanoTime() - t0) / 1e6;
        if (count[0] != expectedSeries || Double.isNaN(sum[0])) {
            throw new IllegalStateException(input + ": " + count[0] + " series read, " + expectedSeries + " written");
        }
        return ms;
    }

    private static void write(Path csv, Path parquet, int series, int days) throws IOException {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("unique_id")
                .required(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named("ds")
                .optional(PrimitiveTypeName.DOUBLE)
                .named("y")
                .named("long");
        long start = LocalDate.of(2020, 1, 1).toEpochDay();
        try (BufferedWriter w = Files.newBufferedWriter(csv);
                ParquetRowWriter p = new ParquetRowWriter(parquet, schema, Map.of())) {
            w.write("unique_id,ds,y\n");
            for (int s = 0; s < series; s++) {
                String id = "S" + s;
                for (int t = 0; t < days; t++) {
                    double y = Math.round((100 + s + 10 * Math.sin(t / 7.0) + (t * 31 + s) % 17) * 100) / 100.0;
                    String ds = LocalDate.ofEpochDay(start + t).toString();
                    w.write(String.join(",", List.of(id, ds, Double.toString(y))));
                    w.write('\n');
                    p.write(new Object[] {id, (int) (start + t), y});
                }
            }
        }
    }
}
