package forecastfarm.launcher.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.report.PlotPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a job states its seasons, and how the time options enter its identity. */
class SeasonsAndTimeOptionsTest {

    private static ForecastJobOptions options(final double[] seasons, final TimeSettings time) {
        return new ForecastJobOptions(
                Path.of("in.csv"),
                12,
                seasons,
                List.of("naive"),
                new double[] {80, 95},
                Path.of("out"),
                InputFormat.LONG,
                null,
                null,
                null,
                false,
                false,
                PlotPolicy.parse("none"),
                time);
    }

    @Test
    void theSeasonsStatedPerFrequency() {
        final List<String> ds = new ArrayList<>();
        for (int hour = 0; hour < 48; hour++) {
            ds.add(String.format(java.util.Locale.ROOT, "2020-01-%02d %02d:00", 1 + hour / 24, hour % 24));
        }
        final Series hourly = Series.of("H", new double[48], TimeAxis.of(ds, "H"), 2, ds);
        assertEquals("hourly, m=24,168", InputScan.seasonOf(hourly, new double[0]));
        assertEquals("hourly, m=12,365.25 (--season-length)", InputScan.seasonOf(hourly, new double[] {12, 365.25}));
    }

    @Test
    void defaultTimeOptionsKeepTheJobIdentityAndOthersChangeIt() {
        final TimeSettings london = TimeSettings.parse("Europe/London", null);
        final String inferred = options(new double[0], TimeSettings.DEFAULT).fingerprint("forecast");
        assertTrue(inferred.contains(" m=0 "), inferred);
        assertTrue(!inferred.contains("time="), "a default run keeps the identity it had: " + inferred);
        assertTrue(options(new double[] {24, 168}, TimeSettings.DEFAULT)
                .fingerprint("forecast")
                .contains(" m=24,168 "));
        final String inLondon = options(new double[0], london).fingerprint("forecast");
        assertTrue(inLondon.endsWith(" time=Europe/London,auto"), inLondon);
        assertNotEquals(
                options(new double[0], TimeSettings.DEFAULT).jobId("forecast"),
                options(new double[0], london).jobId("forecast"));
    }
}
