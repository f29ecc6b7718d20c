package forecastfarm.launcher.run;

import forecastfarm.launcher.io.CarryOver;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.io.OrderedRows;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.job.TaskRuntimes;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The files of {@code farm run} in {@code --out} as results stream in: results.jsonl and failed.csv in input order
 * (each task at its input line; results come in completion order, so their lines pass through an
 * {@link OrderedRows}, released up to the first task still in flight), joblog.tsv in completion order. Each is
 * written under a temporary name and renamed into place by {@link #commit()}; a failed run leaves the earlier files
 * as they were (its results stay in the farm dir). Memory: the keys in flight. Called from the result thread and the
 * reading thread.
 */
final class RunOutputs {
    static final String NOT_RUN_REASON = "the run was interrupted before this task; rerun the same command to resume";

    private final Path out;
    private final ResultsJsonl results;
    private final FailedCsvWriter failed;
    private final JobLogWriter joblog;
    private final OrderedRows resultsOrder;
    private final OrderedRows failedOrder;
    private final Map<String, Long> inFlight = new HashMap<>();
    private final TreeSet<Long> inFlightLines = new TreeSet<>();
    private final Map<String, Long> skippedLines = new HashMap<>();
    private final Map<String, Integer> carried = new HashMap<>();
    private final TaskRuntimes runtimes = new TaskRuntimes();
    /** Lines below this were all submitted, skipped or invalid. */
    private long registered;
    /** The first task kept from the earlier outputs: its line is copied in at the end, so nothing passes it. */
    private long firstSkipped = Long.MAX_VALUE;

    private int invalid;

    RunOutputs(final Path out) throws IOException {
        Files.createDirectories(out);
        this.out = out;
        this.results = new ResultsJsonl(out.resolve(ResultsJsonl.FILE_NAME));
        this.failed = new FailedCsvWriter(out.resolve("failed.csv"), FailedCsvWriter.TASK_HEADER);
        this.joblog = new JobLogWriter(out.resolve(JobLogWriter.FILE_NAME));
        final long budget = OrderedRows.DEFAULT_BUFFER_BYTES;
        this.resultsOrder = new OrderedRows(out, ResultsJsonl.FILE_NAME, budget, row -> results.write(row[0]));
        this.failedOrder = new OrderedRows(out, "failed.csv", budget / 4, failed::copyRow);
    }

    synchronized void invalid(final InputProblem problem) throws IOException {
        invalid++;
        final String key = problem.seriesId();
        resultsOrder.add(problem.line(), new String[] {ResultsJsonl.line(key, "INVALID", 0, null, problem.message())});
        failedOrder.add(problem.line(), FailedCsvWriter.row(key == null ? "" : key, "INVALID", 0, problem.message()));
        joblog.write(problem.line(), key == null ? "" : key, -1, 0, 0, 0, "INVALID", problem.message());
    }

    /** Registers a task before it is handed to the farm (its result may come back at once). */
    synchronized void submitted(final String key, final long line) {
        inFlight.put(key, line);
        inFlightLines.add(line);
        registered = Math.max(registered, line + 1);
    }

    /** The farm refused a registered task (it stopped taking tasks): it counts as not read, not as not run. */
    synchronized void withdraw(final String key) {
        final Long line = inFlight.remove(key);
        if (line != null) {
            inFlightLines.remove(line);
        }
    }

    /** Registers a task this run keeps from the earlier outputs ({@code --resume}); {@link #carryOver} copies it. */
    synchronized void skipped(final String key, final long line) {
        skippedLines.put(key, line);
        firstSkipped = Math.min(firstSkipped, line);
        registered = Math.max(registered, line + 1);
    }

    /**
     * The result consumer: writes one task's lines.
     *
     * @throws UncheckedIOException when a file cannot be written (a full disk): the farm then stops.
     */
    void accept(final String key, final ResultRecord record) {
        try {
            write(key, record);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write to " + out + ": " + ex.getMessage(), ex);
        }
    }

    private synchronized void write(final String key, final ResultRecord record) throws IOException {
        final Long known = inFlight.remove(key);
        // a result of no registered task (cannot happen today) goes last rather than nowhere
        final long line = known == null ? Long.MAX_VALUE : known;
        final boolean ok = record.status() == TaskStatus.OK;
        final String status = record.status().name();
        runtimes.add(record.wallNs() / 1e6);
        joblog.write(
                line,
                key,
                record.workerSlot(),
                record.startEpochMs(),
                record.wallNs() / 1e9,
                record.attempts(),
                status,
                ok ? null : record.reason());
        resultsOrder.add(line, new String[] {
            ResultsJsonl.line(key, status, record.attempts(), ok ? record.payload() : null, record.reason())
        });
        if (!ok) {
            failedOrder.add(line, FailedCsvWriter.row(key, status, record.attempts(), record.reason()));
        }
        if (known != null) {
            inFlightLines.remove(known);
        }
        release();
    }

    private void release() throws IOException {
        final long below = Math.min(firstSkipped, inFlightLines.isEmpty() ? registered : inFlightLines.first());
        resultsOrder.release(below);
        failedOrder.release(below);
    }

    /**
     * Tasks submitted but never finished (the run was interrupted): NOT_RUN lines.
     *
     * @return how many.
     */
    synchronized int notRun() throws IOException {
        final int count = inFlight.size();
        for (final Map.Entry<String, Long> task : inFlight.entrySet()) {
            final long line = task.getValue();
            resultsOrder.add(line, new String[] {ResultsJsonl.line(task.getKey(), "NOT_RUN", 0, null, NOT_RUN_REASON)});
            failedOrder.add(line, FailedCsvWriter.row(task.getKey(), "NOT_RUN", 0, NOT_RUN_REASON));
            joblog.write(line, task.getKey(), -1, 0, 0, 0, "NOT_RUN", NOT_RUN_REASON);
        }
        inFlight.clear();
        inFlightLines.clear();
        return count;
    }

    /**
     * Copies the lines of the earlier outputs in {@code --out} for the tasks this run kept: into their places, or at
     * the end for those the run never reached or that are not in this input.
     *
     * @param kept key to status in the earlier results.jsonl of every task this run was to skip.
     */
    synchronized void carryOver(final Map<String, String> kept) throws IOException {
        if (kept.isEmpty()) {
            return;
        }
        final Map<String, Long> lines = new HashMap<>(kept.size() * 2);
        kept.forEach((key, status) -> {
            lines.put(key, skippedLines.getOrDefault(key, Long.MAX_VALUE));
            carried.merge(status, 1, Integer::sum);
        });
        skippedLines.clear();
        CarryOver.copy(out.resolve(JobLogWriter.FILE_NAME), '\t', 1, lines.keySet(), joblog::copyRow);
        ResultsJsonl.copy(out.resolve(ResultsJsonl.FILE_NAME), lines, resultsOrder::add);
        CarryOver.copy(out.resolve("failed.csv"), FailedCsvWriter.TASK_HEADER, lines, failedOrder::add);
        firstSkipped = Long.MAX_VALUE;
    }

    synchronized void commit() throws IOException {
        resultsOrder.finish();
        failedOrder.finish();
        results.close();
        failed.close();
        joblog.close();
    }

    synchronized void abort() {
        resultsOrder.abort();
        failedOrder.abort();
        results.abort();
        failed.abort();
        joblog.abort();
    }

    /** The tasks kept from the earlier outputs ({@link #carryOver}), counted by their status there. */
    synchronized Map<String, Integer> carried() {
        return Map.copyOf(carried);
    }

    synchronized int invalidCount() {
        return invalid;
    }

    synchronized double[] taskMsP50P95Max() {
        return runtimes.p50P95Max();
    }
}
