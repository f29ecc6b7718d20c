package forecastfarm.launcher.bench;

import static org.junit.jupiter.api.Assertions.*;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy smoke test CI runs: the first 13 series of each M3 category (52 in all) through the real farm, each
 * model's mean sMAPE and MASE against what R's forecast 8.20 got on the same series. The series and R's scores are a
 * slice of the shared data set shipped with the tests ({@code m3-sample/}, see its README), so a plain clone runs it.
 * The full M3 run is the benchmark (scripts/bench m3); this catches a model that has gone wrong.
 */
@Tag("process")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class M3SmokeIT {
    /** Per model, how much worse than R's same method it may be on these 13 series (relative). */
    static final double TOLERANCE = 0.10;

    static final int SERIES_PER_CATEGORY = 13;
    /** The slice of M3 and R's per-series scores, laid out as ../shared/data is (M3Accuracy reads either). */
    static final String DATA_RESOURCE = "m3-sample";

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    @Test
    void baselinesAndModelsAreAsAccurateAsRsOnASample() throws URISyntaxException {
        final Path data = Path.of(M3SmokeIT.class.getResource(DATA_RESOURCE).toURI());
        final M3Accuracy accuracy =
                new M3Accuracy(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), tmp);
        final List<String> problems = new ArrayList<>();
        for (final M3Accuracy.Category category : M3Accuracy.CATEGORIES) {
            final List<M3Accuracy.ModelScore> scores =
                    accuracy.evaluate(category, data, M3SmokeModels.MODELS, SERIES_PER_CATEGORY, 2);
            for (final M3Accuracy.ModelScore score : scores.subList(0, scores.size() - 1)) {
                if (score.failed() > 0 || score.series() != SERIES_PER_CATEGORY) {
                    problems.add(category.name() + " " + score.model() + ": " + score.failed() + " failed");
                }
                if (!(score.smape() <= score.rSmape() * (1 + TOLERANCE))
                        || !(score.mase() <= score.rMase() * (1 + TOLERANCE))) {
                    problems.add(String.format(
                            "%s %s: sMAPE %.3f vs R %.3f, MASE %.3f vs R %.3f",
                            category.name(),
                            score.model(),
                            score.smape(),
                            score.rSmape(),
                            score.mase(),
                            score.rMase()));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
