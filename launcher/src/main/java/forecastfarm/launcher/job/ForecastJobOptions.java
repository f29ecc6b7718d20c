package forecastfarm.launcher.job;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code farm forecast} was asked to do.
 *
 * @param seasonLength 0 to infer it from each series' dates.
 */
public record ForecastJobOptions(Path input, int horizon, int seasonLength, List<String> models, double[] levels,
    Path out, String idCol, String timeCol, String valueCol)
{
    /**
     * @return a stable description of everything that changes the results, for the farm dir's manifest.
     */
    public String fingerprint()
    {
        return "forecast input=" + input.toAbsolutePath().normalize() + " h=" + horizon + " m=" + seasonLength +
            " models=" + String.join(",", models) + " levels=" + java.util.Arrays.toString(levels) +
            " cols=" + idCol + "," + timeCol + "," + valueCol;
    }
}
