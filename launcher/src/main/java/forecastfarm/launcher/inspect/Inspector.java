package forecastfarm.launcher.inspect;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmLayout;
import forecastfarm.launcher.farm.JobRegistry;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a farm's state from shared memory, while it runs or after: the status file (lock-free reads) and, for one
 * id, the results map (a point read). It never writes anything the farm uses.
 */
public final class Inspector {
    private final FarmDirectory farm;
    private final PrintStream out;

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
            final StatusSnapshot snapshot = StatusSnapshot.read(status, farm.root(), JobRegistry.list(farm));
            StatusView.print(out, snapshot, nowMs);
            return snapshot.running();
        }
    }

    /**
     * Prints the key's result in each job of the farm dir that has it (or only in {@code jobId}): for a forecast, per
     * model what was fitted and a table of its steps' dates, forecasts and bounds; for any other kind, its JSON.
     *
     * @param jobId the job to look in, or null for every job.
     * @return {@link ExitCodes#OK} when a job has a result for it, {@link ExitCodes#PENDING} when it is in a job but
     *     not finished, {@link ExitCodes#NOT_IN_JOB} when no job has such a key.
     */
    public int printResult(final String jobId, final String id) {
        FarmLayout.check(farm);
        final List<JobRegistry.Entry> jobs = jobs(jobId);
        if (jobs == null) {
            out.println(
                    "no job " + jobId + " in farm dir " + farm.root() + "; its jobs: " + ids(JobRegistry.list(farm)));
            return ExitCodes.NOT_IN_JOB;
        }
        final List<Found> found = new ArrayList<>();
        boolean pending = false;
        final Optional<ResultReader> opened = ResultReader.open(farm);
        try {
            for (final JobRegistry.Entry job : jobs) {
                final SeriesIndex.Lookup lookup = SeriesIndex.find(farm, job.id(), id);
                final Optional<ResultRecord> record =
                        opened.isEmpty() ? Optional.empty() : opened.get().get(job.id(), id);
                final Optional<BatchedSeries> batched =
                        record.isPresent() ? Optional.empty() : BatchedSeries.find(farm, opened, job.id(), id);
                if (record.isPresent()) {
                    found.add(new Found(job.id(), record.get(), lookup.forecastDs(), null));
                } else if (batched.isPresent() && batched.get().record().isPresent()) {
                    found.add(new Found(
                            job.id(),
                            batched.get().record().get(),
                            lookup.forecastDs(),
                            batched.get().batchKey()));
                } else {
                    // listed in its input and not finished; a job without an index: pending while it runs
                    pending |= lookup.status() == SeriesIndex.Status.IN_JOB
                            || (lookup.status() == SeriesIndex.Status.NO_INDEX && job.running());
                }
            }
        } finally {
            opened.ifPresent(ResultReader::close);
        }
        for (final Found result : found) {
            if (jobs.size() > 1) {
                out.println("job " + result.job() + ":");
            }
            printRecord(id, result.record(), result.forecastDs(), result.batchKey());
        }
        if (!found.isEmpty()) {
            return ExitCodes.OK;
        }
        if (pending) {
            out.println(id + ": pending (not finished yet)");
            return ExitCodes.PENDING;
        }
        out.println(id + ": not in " + (jobs.size() == 1 ? "this job" : "any job of this farm dir") + " (no such key in"
                + " its input, or the input has a problem with it: see failed.csv in --out)");
        return ExitCodes.NOT_IN_JOB;
    }

    /** @param batchKey the batch that ran it, or null for a task of its own. */
    private record Found(String job, ResultRecord record, List<String> forecastDs, String batchKey) {}

    /** @return the jobs to look in, or null when the named job does not exist. */
    private List<JobRegistry.Entry> jobs(final String jobId) {
        if (jobId == null) {
            return JobRegistry.list(farm);
        }
        return JobRegistry.read(farm, jobId).map(List::of).orElse(null);
    }

    private static String ids(final List<JobRegistry.Entry> jobs) {
        return jobs.isEmpty()
                ? "none"
                : String.join(", ", jobs.stream().map(JobRegistry.Entry::id).toList());
    }

    private void printRecord(final String id, final ResultRecord record, final List<String> ds, final String batch) {
        out.printf(
                Locale.ROOT,
                "%s: %s, attempts %d, worker %d (generation %d), %.1f ms%s%s%n",
                id,
                record.status(),
                record.attempts(),
                record.workerSlot(),
                record.workerGeneration(),
                record.wallNs() / 1e6,
                batch == null ? "" : " (its share of batch " + batch + ")",
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
