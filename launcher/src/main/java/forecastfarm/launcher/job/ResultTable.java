package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import java.util.List;

/**
 * A data file a series job writes in {@code --out} from its results, in input order: forecasts.csv for {@code farm
 * forecast}; cv.csv and cv_metrics.csv for {@code farm cv}. {@link JobOutputs} writes it atomically, orders its rows,
 * and carries an earlier run's rows over on {@code --resume}.
 */
public interface ResultTable {
    /** @return the file's name in {@code --out}. */
    String fileName();

    /** @return the columns. */
    List<String> header();

    /**
     * @param series what the job kept of the series, or null for a result of no registered series (its ds are then
     *     numbered steps).
     * @return the rows of a series that finished OK, each of {@link #header()}'s length.
     */
    List<String[]> rows(SubmittedSeries series, SeriesResult result);

    /**
     * @return "model: reason" for each model that gave this OK series nothing (failed.csv's MODEL_FAILED rows); only
     *     the job's first table is asked.
     */
    List<String> modelFailures(SeriesResult result);
}
