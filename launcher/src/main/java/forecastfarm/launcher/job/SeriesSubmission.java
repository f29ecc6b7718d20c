package forecastfarm.launcher.job;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SeriesReader;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A series job's second pass over its input: one series at a time onto the farm, each registered with the outputs
 * first (its result may come back at once), until the input ends or the farm stops taking series. Series an earlier
 * run finished ({@code --resume}) are only given their place.
 */
final class SeriesSubmission {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesSubmission.class);

    private final ForecastFarm farm;
    private final JobOutputs outputs;
    private final JobReport report;
    private final Map<String, String> kept;
    private final int tailDs;
    private double[] seasonLengths;
    private long seq;
    private long submitted;

    /**
     * @param kept   the ids an earlier run finished, which this one skips.
     * @param tailDs how many of each series' last ds labels the work's rows need ({@link SeriesWork#tailDs()}).
     */
    SeriesSubmission(
            final ForecastFarm farm,
            final JobOutputs outputs,
            final JobReport report,
            final Map<String, String> kept,
            final int tailDs) {
        this.farm = farm;
        this.outputs = outputs;
        this.report = report;
        this.kept = kept;
        this.tailDs = tailDs;
    }

    /** @param seasonLengths {@code --season-length}, or empty to infer each series' from its dates. */
    void readAll(final SeriesReader reader, final Path input, final double[] seasonLengths) {
        this.seasonLengths = seasonLengths;
        try {
            reader.read(input, this::submit, problem -> {});
        } catch (final FarmStopped stopped) {
            LOG.info("the farm stopped taking series; {} were submitted", submitted);
        }
    }

    private void submit(final Series series) {
        final long index = seq++;
        if (kept.containsKey(series.id())) {
            outputs.skipped(series.id(), index);
            return;
        }
        final double[] seasons =
                seasonLengths.length > 0 ? seasonLengths : series.axis().inferredSeasons();
        final int m = (int) Math.round(seasons[0]);
        outputs.submitted(SubmittedSeries.of(index, series, m, report.mayPlot(index), tailDs));
        try {
            if (!farm.submit(series.id(), series.y(), seasons)) {
                outputs.withdraw(series.id());
                throw new FarmStopped();
            }
        } catch (final InterruptedException ex) {
            outputs.withdraw(series.id());
            Thread.currentThread().interrupt();
            throw new FarmStopped();
        }
        submitted++;
    }

    long submitted() {
        return submitted;
    }

    /** Ends the reading: the farm takes no more series. */
    private static final class FarmStopped extends RuntimeException {
        FarmStopped() {
            super(null, null, false, false);
        }
    }
}
