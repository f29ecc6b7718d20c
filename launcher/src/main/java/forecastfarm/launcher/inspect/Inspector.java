package forecastfarm.launcher.inspect;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.FarmManifest;
import forecastfarm.launcher.farm.ResultReader;
import forecastfarm.launcher.io.SeriesIndex;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a farm's state from shared memory, while it runs or after: the status file (lock-free reads) and, for one
 * id, the results map (a point read). It never writes anything the farm uses.
 */
public final class Inspector {
    private final FarmDirectory farm;
    private final PrintStream out;
    private Map<String, String> job = Map.of();

    public Inspector(final FarmDirectory farm, final PrintStream out) {
        this.farm = farm;
        this.out = out;
    }

    /**
     * Prints the status every {@code intervalMs} until the launcher has finished (or is gone), or the thread is
     * interrupted (Ctrl-C ends the process). On a terminal each view replaces the last.
     */
    public void watch(final long intervalMs, final boolean terminal) {
        for (; ; ) {
            if (terminal) {
                out.print("\033[H\033[2J");
            }
            final boolean running = printStatus(System.currentTimeMillis());
            out.flush();
            if (!running) {
                return;
            }
            try {
                Thread.sleep(intervalMs);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Prints the status view (see {@link StatusView}) as seen at {@code nowMs}.
     *
     * @return true while the launcher is alive and has not finished.
     */
    public boolean printStatus(final long nowMs) {
        try (StatusFile status = StatusFile.open(farm.statusFile())) {
            final StatusSnapshot snapshot = StatusSnapshot.read(status, farm.root(), job());
            StatusView.print(out, snapshot, nowMs);
            return snapshot.running();
        }
    }

    /** The job's description, read once it is there (a run writes it as it starts, and never changes it). */
    private Map<String, String> job() {
        if (job.isEmpty()) {
            try {
                job = FarmManifest.description(farm);
            } catch (final FarmException unreadable) {
                return Map.of("job", "(unreadable: " + unreadable.getMessage() + ")");
            }
        }
        return job;
    }

    /**
     * Prints the id's result: per model what was fitted and a table of its steps' dates, forecasts and bounds.
     *
     * @return {@link ExitCodes#OK} when the id has a result, {@link ExitCodes#PENDING} when it is in the job but
     *     not finished, {@link ExitCodes#NOT_IN_JOB} when the job has no such series.
     */
    public int printResult(final String id) {
        final SeriesIndex.Lookup lookup = SeriesIndex.find(farm, id);
        if (lookup.status() == SeriesIndex.Status.NOT_IN_JOB) {
            out.println(id + ": not in this job (no such series in its input, or the input has a problem with it:"
                    + " see failed.csv in --out)");
            return ExitCodes.NOT_IN_JOB;
        }
        final Optional<ResultRecord> found = read(id);
        if (found.isEmpty()) {
            out.println(id + ": pending (not finished yet)");
            return ExitCodes.PENDING;
        }
        printRecord(id, found.get(), lookup.forecastDs());
        return ExitCodes.OK;
    }

    private Optional<ResultRecord> read(final String id) {
        final Optional<ResultReader> opened = ResultReader.open(farm);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (ResultReader reader = opened.get()) {
            return reader.get(id);
        }
    }

    private void printRecord(final String id, final ResultRecord record, final List<String> ds) {
        out.printf(
                Locale.ROOT,
                "%s: %s, attempts %d, worker %d (generation %d), %.1f ms%s%n",
                id,
                record.status(),
                record.attempts(),
                record.workerSlot(),
                record.workerGeneration(),
                record.wallNs() / 1e6,
                record.reason().isEmpty() ? "" : ", reason: " + record.reason());
        if (record.status() != TaskStatus.OK || record.payload().length == 0) {
            return;
        }
        if (record.kind().startsWith(WorkerArgs.JSON_KIND_PREFIX)) {
            out.println("kind " + record.kind().substring(WorkerArgs.JSON_KIND_PREFIX.length()) + ", result:");
            out.println(JsonResult.indented(record.payload()));
            return;
        }
        try {
            for (final ModelForecast forecast :
                    ForecastResult.decode(record.payload()).forecasts()) {
                ForecastTable.print(out, forecast, ds);
            }
        } catch (final IllegalArgumentException notAForecast) {
            out.printf(Locale.ROOT, "  payload: %d bytes (kind %s)%n", record.payload().length, record.kind());
        }
    }
}
