package forecastfarm.launcher.job;

import forecastfarm.launcher.api.FarmSummary;
import forecastfarm.launcher.cli.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code farm forecast} job came to, for summary.json, the report and the console: the whole job, so the
 * counts include the series kept from an earlier run ({@code --resume}) as well as those run now.
 *
 * <ul>
 *   <li>{@code status}: {@code done} (every series has an outcome), {@code interrupted} (a signal or a stop drained
 *       the run: {@code not_run} series are left for a rerun) or {@code aborted} (the farm gave up:
 *       {@code abort_reason}).
 *   <li>{@code ok}, {@code failed}, {@code poisoned}: series of the job, carried over ones included;
 *       {@code carried_over} of them were kept from the earlier outputs in {@code --out}; {@code tasks} were
 *       submitted to the farm in this run.
 *   <li>{@code not_run} and {@code invalid_input} are counted apart: they never ran. {@code success_rate} is
 *       {@code ok / (ok + failed + poisoned)}, over the series that ran.
 * </ul>
 *
 * <p>{@code farm run} writes the same summary for its tasks (a task counts as a series there).
 *
 * @param notRun   series submitted that never finished plus those never submitted (the run stopped reading).
 * @param carried  series kept from the earlier outputs, by their status there (OK, FAILED, POISONED).
 */
public record JobSummary(
        FarmSummary farm,
        int invalid,
        int modelFailures,
        long notRun,
        Map<String, Integer> carried,
        double[] taskMsP50P95Max,
        Path farmDir) {
    /** The one line that says what {@code parallel_efficiency} is, wherever it is shown. */
    static final String PARALLEL_EFFICIENCY_MEANS =
            "the workers' CPU time / (wall time x workers): 1 when every worker computed all the time";

    static JobSummary of(
            final FarmSummary farm,
            final JobOutputs outputs,
            final long notRun,
            final Map<String, Integer> carried,
            final Path farmDir) {
        return new JobSummary(
                farm,
                outputs.invalidCount(),
                outputs.modelFailures(),
                notRun,
                Map.copyOf(carried),
                outputs.runtimes().p50P95Max(),
                farmDir);
    }

    public String status() {
        if (farm.abortReason() != null) {
            return "aborted";
        }
        return farm.interruptedBy() != null || notRun > 0 || !farm.complete() ? "interrupted" : "done";
    }

    long ok() {
        return farm.ok() + carried("OK");
    }

    long failed() {
        return farm.failed() + carried("FAILED");
    }

    long poisoned() {
        return farm.poisoned() + carried("POISONED");
    }

    long carriedOver() {
        return carried.values().stream().mapToLong(Integer::longValue).sum();
    }

    private long carried(final String status) {
        return carried.getOrDefault(status, 0);
    }

    /** Over the series that ran (now or in the earlier run): invalid and not-run series are apart. */
    double successRate() {
        final long ran = ok() + failed() + poisoned();
        return ran == 0 ? 0 : (double) ok() / ran;
    }

    double parallelEfficiency() {
        final double wallSeconds = farm.wallNs() / 1e9;
        return wallSeconds > 0 ? farm.cpuNsTotal() / 1e9 / (wallSeconds * farm.workers()) : 0;
    }

    public Map<String, Object> toJson() {
        final double wallSeconds = farm.wallNs() / 1e9;
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status());
        json.put("tasks", farm.series());
        json.put("ok", ok());
        json.put("failed", failed());
        json.put("poisoned", poisoned());
        json.put("invalid_input", invalid);
        json.put("model_failures", modelFailures);
        json.put("not_run", notRun);
        json.put("carried_over", carriedOver());
        json.put("resumed", farm.resumed());
        json.put("retries", farm.retries());
        json.put("worker_restarts", farm.workerRestarts());
        json.put("workers", farm.workers());
        json.put("wall_seconds", round(wallSeconds, 3));
        final Map<String, Object> taskMs = new LinkedHashMap<>();
        taskMs.put("p50", round(taskMsP50P95Max[0], 3));
        taskMs.put("p95", round(taskMsP50P95Max[1], 3));
        taskMs.put("max", round(taskMsP50P95Max[2], 3));
        json.put("task_ms", taskMs);
        final long computed = farm.ok() + farm.failed() - farm.resumed();
        json.put("series_per_second", round(wallSeconds > 0 ? Math.max(0, computed) / wallSeconds : 0, 2));
        json.put("parallel_efficiency", round(parallelEfficiency(), 3));
        json.put("parallel_efficiency_means", PARALLEL_EFFICIENCY_MEANS);
        json.put("success_rate", round(successRate(), 4));
        json.put("interrupted_by", farm.interruptedBy());
        json.put("abort_reason", farm.abortReason());
        json.put("farm_dir", farmDir.toString());
        return json;
    }

    /**
     * The summary lines on the console.
     *
     * @param outputs  where the outputs are, as shown.
     * @param plural   what a task is to the user, plural ({@code series}, {@code tasks}).
     * @param singular the same, singular ({@code series}, {@code task}).
     */
    public void print(final PrintStream console, final String outputs, final String plural, final String singular) {
        final double wallSeconds = farm.wallNs() / 1e9;
        final long computed = farm.ok() + farm.failed() + farm.poisoned() - farm.resumed();
        console.printf(
                Locale.ROOT,
                "%s %.1f s: %d %s, %.1f ms per %s on average (wall / %s computed), median task %.1f ms%n",
                switch (status()) {
                    case "done" -> "done in";
                    case "aborted" -> "aborted after";
                    default -> "interrupted after";
                },
                wallSeconds,
                farm.series(),
                plural,
                computed > 0 ? farm.wallNs() / 1e6 / computed : 0.0,
                singular,
                plural,
                taskMsP50P95Max[0]);
        console.printf(
                Locale.ROOT,
                "succeeded %d, failed %d, poisoned %d, invalid input %d%s%s%s; success rate %.1f%% of the %s that ran%n",
                ok(),
                failed(),
                poisoned(),
                invalid,
                notRun > 0 ? ", not run " + notRun : "",
                farm.resumed() > 0 ? ", resumed from the farm dir " + farm.resumed() : "",
                carriedOver() > 0 ? ", kept from the earlier joblog " + carriedOver() : "",
                100 * successRate(),
                plural);
        console.printf(Locale.ROOT, "parallel efficiency %.2f (%s)%n", parallelEfficiency(), PARALLEL_EFFICIENCY_MEANS);
        if (modelFailures > 0) {
            console.printf(
                    Locale.ROOT,
                    "%d model fits failed (the series' other models went on); see failed.csv%n",
                    modelFailures);
        }
        console.println("outputs: " + outputs);
        if (farm.interruptedBy() != null) {
            console.printf(
                    Locale.ROOT,
                    "interrupted by %s: %d %s not run; rerun the same command to finish%n",
                    farm.interruptedBy(),
                    notRun,
                    plural);
        }
        if (farm.abortReason() != null) {
            console.println("error: " + farm.abortReason());
        }
    }

    public int exitCode() {
        if (farm.abortReason() != null) {
            return ExitCodes.WORKERS_FAILED;
        }
        if (notRun > 0 || !farm.complete()) {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.forFailures(failed() + poisoned() + invalid);
    }

    private static double round(final double value, final int digits) {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
