package forecastfarm.launcher.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows JobOutputs writes, with real files and results handed in as a farm hands them (no workers).
 */
class JobOutputsTest {
    @TempDir
    Path out;

    private final ForecastTable table = new ForecastTable(ForecastTable.Shape.LONG, null, List.of("naive"));

    private JobOutputs outputs() throws IOException {
        return new JobOutputs(out, List.of(new ForecastRows(table, 1)), (series, result) -> {});
    }

    private static SubmittedSeries series(final long seq, final String id) {
        return new SubmittedSeries(seq, id, TimeAxis.of(List.of("1", "2"), id), null, null, 1, "y", new String[0]);
    }

    private static SeriesResult ok(final String id, final double value) {
        final ModelForecast naive = new ModelForecast(
                "naive", "Naive method", "", "", new double[0], new double[] {value}, new double[0][], new double[0][]);
        return new SeriesResult(0, id, TaskStatus.OK, List.of(naive), null, "", 1, 0, 0, 1, false);
    }

    private static SeriesResult failed(final String id) {
        return new SeriesResult(0, id, TaskStatus.FAILED, List.of(), null, "too short", 1, 0, 0, 1, false);
    }

    private List<String> lines(final String file) throws IOException {
        return Files.readAllLines(out.resolve(file));
    }

    @Test
    void resultsInCompletionOrderAreWrittenInInputOrder() throws IOException {
        final JobOutputs outputs = outputs();
        for (int seq = 0; seq < 4; seq++) {
            outputs.submitted(series(seq, "s" + seq));
        }
        outputs.accept(ok("s2", 2));
        outputs.accept(failed("s3"));
        outputs.accept(ok("s1", 1));
        outputs.accept(ok("s0", 0));
        outputs.carryOver(Map.of());
        outputs.commit();
        assertEquals(
                List.of(
                        "unique_id,ds,step,model,forecast,model_spec",
                        "s0,3,1,naive,0,Naive method",
                        "s1,3,1,naive,1,Naive method",
                        "s2,3,1,naive,2,Naive method"),
                lines("forecasts.csv"));
        assertEquals(List.of("unique_id,status,attempts,reason", "s3,FAILED,1,too short"), lines("failed.csv"));
    }

    /**
     * A resumed run interrupted before it reached some kept series: they keep their rows (at the end), and the
     * series it never ran are NOT_RUN in input order.
     */
    @Test
    void anInterruptedResumeKeepsTheRowsOfKeptSeriesItNeverReached() throws IOException {
        Files.writeString(
                out.resolve("forecasts.csv"),
                "unique_id,ds,step,model,forecast\nk4,3,1,naive,4\nk1,3,1,naive,1\nk0,3,1,naive,0\n");
        Files.writeString(out.resolve("failed.csv"), "unique_id,status,attempts,reason\nk5,FAILED,1,bad\n");
        Files.writeString(
                out.resolve("joblog.tsv"),
                "seq\tid\tworker\tstart\truntime\tattempts\tstatus\treason\n"
                        + "1\tk0\t0\t1.000\t0.001\t1\tOK\t\n2\tk1\t0\t1.000\t0.001\t1\tOK\t\n"
                        + "5\tk4\t0\t1.000\t0.001\t1\tOK\t\n6\tk5\t0\t1.000\t0.001\t1\tFAILED\tbad\n");
        final Map<String, String> kept = new LinkedHashMap<>();
        kept.put("k0", "OK");
        kept.put("k1", "OK");
        kept.put("k4", "OK");
        kept.put("k5", "FAILED");
        final JobOutputs outputs = outputs();
        outputs.skipped("k0", 0);
        outputs.submitted(series(1, "n1"));
        outputs.skipped("k1", 2);
        outputs.submitted(series(3, "n3"));
        outputs.accept(ok("n3", 3));
        // interrupted here: n1 never finished; k4 and k5 were never reached
        assertEquals(1, outputs.notRun());
        outputs.carryOver(kept);
        outputs.commit();
        assertEquals(
                List.of(
                        "unique_id,ds,step,model,forecast,model_spec",
                        "k0,3,1,naive,0,",
                        "k1,3,1,naive,1,",
                        "n3,3,1,naive,3,Naive method",
                        "k4,3,1,naive,4,"),
                lines("forecasts.csv"));
        assertEquals(
                List.of(
                        "unique_id,status,attempts,reason",
                        "n1,NOT_RUN,0,the run was interrupted before this series; rerun the same command to resume",
                        "k5,FAILED,1,bad"),
                lines("failed.csv"));
        assertEquals(Map.of("OK", 3, "FAILED", 1), outputs.carried());
    }
}
