package forecastfarm.launcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench inspect}: how long a user waits for {@code scripts/farm inspect}, end to end (the script, the
 * JVM's start and the read): runs one real forecast job of the sample data (scripts/sample/sp500_50.csv) through
 * {@code scripts/farm forecast}, then times {@code --reps} calls each of {@code inspect --id X} (X the job's first
 * series) and plain {@code inspect}, alternating, and prints their medians. Needs {@code -Dfarm.home} (the repository,
 * which scripts/bench sets).
 */
final class InspectBench {
    private final PrintStream out;
    private final Path scratch;

    InspectBench(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    void run(final BenchArgs args) {
        final int reps = args.intValue("reps", 5, 1);
        final Path home =
                Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
        final Path farm = home.resolve("scripts/farm");
        final Path input = home.resolve(args.stringValue("input", "scripts/sample/sp500_50.csv"));
        if (!Files.isExecutable(farm) || !Files.isRegularFile(input)) {
            throw new IllegalArgumentException(
                    "no " + farm + " or " + input + ": run it as scripts/bench inspect (or set -Dfarm.home)");
        }
        final Path farmDir = scratch.resolve("farm");
        final double jobS = call(List.of(
                farm.toString(),
                "forecast",
                "--input",
                input.toString(),
                "--horizon",
                "12",
                "--plots",
                "none",
                "--farm-dir",
                farmDir.toString(),
                "--out",
                scratch.resolve("out").toString()));
        final String id = firstSeries(farmDir);
        out.printf(
                Locale.ROOT, "job: %s forecast in %.1f s (farm dir %s); inspecting id %s%n", input, jobS, farmDir, id);
        final double[] byId = new double[reps];
        final double[] status = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            byId[rep] = call(List.of(farm.toString(), "inspect", "--farm-dir", farmDir.toString(), "--id", id));
            status[rep] = call(List.of(farm.toString(), "inspect", "--farm-dir", farmDir.toString()));
            out.printf(Locale.ROOT, "rep %d: inspect --id %.3f s, inspect %.3f s%n", rep + 1, byId[rep], status[rep]);
        }
        out.printf(
                Locale.ROOT,
                "median of %d: inspect --id %.2f s, inspect %.2f s (end to end: script, JVM start, read)%n",
                reps,
                BenchMath.median(byId),
                BenchMath.median(status));
    }

    private static String firstSeries(final Path farmDir) {
        try (java.util.stream.Stream<Path> files = Files.list(farmDir.resolve("jobs"))) {
            final Path index = files.filter(f -> f.getFileName().toString().endsWith(".series.tsv"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no jobs/*.series.tsv"));
            final String line =
                    Files.readAllLines(index, StandardCharsets.UTF_8).get(0);
            return line.split("\t", -1)[0];
        } catch (final IOException ex) {
            throw new UncheckedIOException("the job wrote no series index in " + farmDir.resolve("jobs"), ex);
        }
    }

    /**
     * @return the call's wall time in seconds, its output discarded; a failed call fails the benchmark.
     */
    private double call(final List<String> command) {
        return BenchCommands.timed(command, scratch.resolve("call.log"));
    }
}
