package forecastfarm.launcher.job;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.shared.forecast.ForecastRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The first pass over the input: how many series can be forecast, their mean id length, and every problem (a
 * series too long for one task included), before anything runs.
 */
record InputScan(long series, double meanIdBytes, List<InputProblem> problems, Map<String, Long> seasons) {
    /**
     * @param seasonLengths the user's {@code --season-length}, empty to infer them per series.
     * @param eachUsable    is given every series that can be forecast, in input order.
     */
    static InputScan of(
            final SeriesReader reader,
            final Path input,
            final double[] seasonLengths,
            final Consumer<Series> eachUsable) {
        final Map<String, Long> seasons = new TreeMap<>();
        final long[] count = {0};
        final long[] idBytes = {0};
        final List<InputProblem> problems = new ArrayList<>();
        reader.read(
                input,
                series -> {
                    if (series.length() > ForecastFarm.maxValues()) {
                        problems.add(tooLong(series));
                        return;
                    }
                    count[0]++;
                    eachUsable.accept(series);
                    seasons.merge(seasonOf(series, seasonLengths), 1L, Long::sum);
                    idBytes[0] += series.id().getBytes(StandardCharsets.UTF_8).length;
                },
                problems::add);
        return new InputScan(count[0], count[0] == 0 ? 0 : (double) idBytes[0] / count[0], problems, seasons);
    }

    /**
     * @return e.g. "business-daily, m=5", "hourly, m=24,168" or "monthly, m=4 (--season-length)".
     */
    static String seasonOf(final Series series, final double[] seasonLengths) {
        return series.axis().describeFrequency() + ", m="
                + (seasonLengths.length > 0
                        ? ForecastRequest.formatSeasons(seasonLengths) + " (--season-length)"
                        : ForecastRequest.formatSeasons(series.axis().inferredSeasons()));
    }

    private static InputProblem tooLong(final Series series) {
        return new InputProblem(
                series.id(),
                series.firstLine(),
                "series " + series.id() + " has " + series.length() + " values, more than one task can carry ("
                        + ForecastFarm.maxValues() + "); keep its most recent values");
    }
}
