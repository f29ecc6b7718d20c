package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.CarryOver;
import forecastfarm.launcher.io.CsvOut;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.io.OrderedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files in {@code --out} as results stream in: the job's {@link ResultTable}s (forecasts.csv; cv.csv and
 * cv_metrics.csv), failed.csv and joblog.tsv, each written under a
 * temporary name and renamed into place by {@link #commit()} (a failed run never leaves a half-written file; its
 * results stay in the farm dir). Series are registered as they are submitted and forgotten once written, so memory
 * holds only the series in flight. Called from the result thread and the reading thread.
 *
 * <p>The tables and failed.csv are in input order (INVALID rows first, then by series position; within a series
 * as the worker returned them: model in {@code --model} order, then step); results come in completion order, so
 * their rows pass through an {@link OrderedRows} each, released up to the first series still in flight.
 * joblog.tsv stays in completion order.
 */
final class JobOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(JobOutputs.class);
    private final Path out;
    private final List<Table> tables = new ArrayList<>();
    private final FailedCsvWriter failed;
    private final JobLogWriter joblog;
    private final OrderedRows failedOrder;
    private final ConcurrentHashMap<String, SubmittedSeries> inFlight = new ConcurrentHashMap<>();
    private final TreeSet<Long> inFlightSeqs = new TreeSet<>();
    /** Positions below this were all submitted or skipped. */
    private long registered;
    /** The first series skipped ({@code --resume}): its rows are carried over at the end, so nothing passes it. */
    private long firstSkipped = Long.MAX_VALUE;

    private final Map<String, Long> skippedSeqs = new HashMap<>();
    private final Map<String, Integer> carried = new HashMap<>();
    private final TaskRuntimes runtimes = new TaskRuntimes();
    private final SeriesResultListener next;
    private int invalid;
    private int modelFailures;

    /**
     * Something else that wants each written result (plots, the report).
     */
    interface SeriesResultListener {
        void onWritten(SubmittedSeries series, SeriesResult result) throws IOException;

        default void onInvalid(InputProblem problem) {}

        default void onNotRun(SubmittedSeries series) {}
    }

    /** A result table's file and the order its rows pass through. */
    private record Table(ResultTable rows, CsvOut file, OrderedRows order) {}

    /** @param tables the data files, the main one first (its model failures go to failed.csv); at least one. */
    JobOutputs(final Path out, final List<ResultTable> tables, final SeriesResultListener next) throws IOException {
        Files.createDirectories(out);
        this.out = out;
        this.next = next;
        final long budget = OrderedRows.DEFAULT_BUFFER_BYTES;
        for (final ResultTable table : tables) {
            final CsvOut file =
                    new CsvOut(out.resolve(table.fileName()), table.header().toArray(String[]::new));
            this.tables.add(
                    new Table(table, file, new OrderedRows(out, table.fileName(), budget / tables.size(), file::row)));
        }
        this.failed = new FailedCsvWriter(out.resolve("failed.csv"));
        this.joblog = new JobLogWriter(out.resolve(JobLogWriter.FILE_NAME));
        this.failedOrder = new OrderedRows(out, "failed.csv", budget / 4, failed::copyRow);
    }

    /**
     * Registers the position of a series this run skips ({@code --resume}): its earlier rows are copied there by
     * {@link #carryOver}.
     */
    synchronized void skipped(final String id, final long seq) {
        skippedSeqs.put(id, seq);
        firstSkipped = Math.min(firstSkipped, seq);
        registered = Math.max(registered, seq + 1);
    }

    /**
     * Copies the rows of the earlier outputs in {@code --out} for the series this run kept: into their places, or
     * at the end for those the run never reached (it was interrupted) or that are not in this input.
     *
     * @param kept id to status in the earlier joblog of every series this run was to skip.
     */
    synchronized void carryOver(final Map<String, String> kept) throws IOException {
        if (kept.isEmpty()) {
            return;
        }
        final Map<String, Long> keys = new HashMap<>(kept.size() * 2);
        kept.forEach((id, status) -> {
            keys.put(id, skippedSeqs.getOrDefault(id, Long.MAX_VALUE));
            carried.merge(status, 1, Integer::sum);
        });
        skippedSeqs.clear();
        CarryOver.copy(out.resolve(JobLogWriter.FILE_NAME), '\t', 1, keys.keySet(), joblog::copyRow);
        for (final Table table : tables) {
            CarryOver.copy(out.resolve(table.rows().fileName()), table.rows().header(), keys, table.order()::add);
        }
        CarryOver.copy(out.resolve("failed.csv"), FailedCsvWriter.HEADER, keys, failedOrder::add);
        firstSkipped = Long.MAX_VALUE;
    }

    synchronized void invalid(final InputProblem problem) throws IOException {
        invalid++;
        final String id = problem.seriesId() == null ? "" : problem.seriesId();
        failedOrder.add(-1, FailedCsvWriter.row(id, "INVALID", 0, problem.message()));
        joblog.write(0, id, -1, 0, 0, 0, "INVALID", problem.message());
        next.onInvalid(problem);
    }

    /**
     * Registers a series before it is handed to the farm (its result may come back at once).
     */
    synchronized void submitted(final SubmittedSeries series) {
        inFlight.put(series.id(), series);
        inFlightSeqs.add(series.seq());
        registered = Math.max(registered, series.seq() + 1);
    }

    /**
     * The farm refused a registered series (it stopped taking series): it counts as not read, not as not run.
     */
    synchronized void withdraw(final String id) {
        final SubmittedSeries series = inFlight.remove(id);
        if (series != null) {
            inFlightSeqs.remove(series.seq());
        }
    }

    /**
     * The result consumer: writes one series' rows.
     *
     * @throws UncheckedIOException when a file cannot be written (a full disk): the farm then stops.
     */
    void accept(final SeriesResult result) {
        try {
            write(result);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write to " + out + ": " + ex.getMessage(), ex);
        }
    }

    private synchronized void write(final SeriesResult result) throws IOException {
        final SubmittedSeries series = inFlight.remove(result.id());
        // a result of no registered series (cannot happen today) goes last rather than nowhere
        final long key = series == null ? Long.MAX_VALUE : series.seq();
        runtimes.add(result.runtimeMs());
        joblog.write(
                result.seq() + 1,
                result.id(),
                result.workerSlot(),
                result.startEpochMs(),
                result.runtimeMs() / 1000,
                result.attempts(),
                result.status().name(),
                result.reason());
        if (!result.ok()) {
            failedOrder.add(
                    key, FailedCsvWriter.row(result.id(), result.status().name(), result.attempts(), result.reason()));
        } else {
            for (final Table table : tables) {
                for (final String[] row : table.rows().rows(series, result)) {
                    table.order().add(key, row);
                }
            }
            for (final String failure : tables.get(0).rows().modelFailures(result)) {
                modelFailures++;
                failedOrder.add(key, FailedCsvWriter.row(result.id(), "MODEL_FAILED", result.attempts(), failure));
            }
        }
        if (series != null) {
            inFlightSeqs.remove(series.seq());
            next.onWritten(series, result);
        }
        final long below = Math.min(firstSkipped, inFlightSeqs.isEmpty() ? registered : inFlightSeqs.first());
        for (final Table table : tables) {
            table.order().release(below);
        }
        failedOrder.release(below);
    }

    /**
     * Series submitted but never finished (the run was interrupted): NOT_RUN rows.
     *
     * @return how many.
     */
    synchronized int notRun() throws IOException {
        final int count = inFlight.size();
        for (final SubmittedSeries series : inFlight.values()) {
            final String reason = "the run was interrupted before this series; rerun the same command to resume";
            failedOrder.add(series.seq(), FailedCsvWriter.row(series.id(), "NOT_RUN", 0, reason));
            joblog.write(series.seq() + 1, series.id(), -1, 0, 0, 0, "NOT_RUN", reason);
            next.onNotRun(series);
        }
        inFlight.clear();
        inFlightSeqs.clear();
        return count;
    }

    synchronized void commit() throws IOException {
        for (final Table table : tables) {
            table.order().finish();
        }
        failedOrder.finish();
        for (final Table table : tables) {
            if (table.order().spilledRows() > 0) {
                LOG.info(
                        "{} rows of {} waited for slower series in sorted runs on disk",
                        table.order().spilledRows(),
                        table.rows().fileName());
            }
            table.file().close();
        }
        failed.close();
        joblog.close();
    }

    synchronized void abort() {
        for (final Table table : tables) {
            table.order().abort();
            table.file().abort();
        }
        failedOrder.abort();
        failed.abort();
        joblog.abort();
    }

    /** The series kept from the earlier outputs ({@link #carryOver}), counted by their status there. */
    synchronized Map<String, Integer> carried() {
        return Map.copyOf(carried);
    }

    synchronized int invalidCount() {
        return invalid;
    }

    synchronized int modelFailures() {
        return modelFailures;
    }

    synchronized TaskRuntimes runtimes() {
        return runtimes;
    }
}
