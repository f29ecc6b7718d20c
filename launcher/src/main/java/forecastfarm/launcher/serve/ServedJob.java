package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.api.ModelCheck;
import forecastfarm.launcher.api.TaskFarm;
import forecastfarm.launcher.api.TaskJob;
import forecastfarm.launcher.api.TaskOutcome;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.shared.wire.TaskStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One job of a served farm: its request, its state ({@code queued}, {@code running}, then {@code succeeded},
 * {@code failed} or {@code cancelled}), its counts, and its files, appended as outcomes come (rewritten from the
 * start when the job is reopened after a restart: the engine delivers the outcomes an earlier run stored again): the
 * results file (the lines of {@link ResultLines}); the keys file ({@link #keysFile()}), one line per finished key
 * ({@code {"key": "AAPL", "status": "OK", "rows": 6}}, {@code rows} its lines in the results file), which is what
 * event streams follow by default: a watcher of every key costs the server one short line per task, not every row;
 * and for a cv job its metrics file ({@link #metricsFile()}).
 * Its tasks are submitted from a thread of its own, so no HTTP request waits on the farm.
 */
final class ServedJob {
    private static final ObjectMapper KEY_JSON = new ObjectMapper();

    private final String id;
    private final String client;
    private final long createdMs;
    private final JobRequest request;
    private final Path resultsFile;
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong notOk = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Told of each result and of the end: the feeds of the job's event streams ({@link JobFeed}). */
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    private volatile String state = "queued";
    private volatile long endedMs;
    private volatile TaskJob job;
    private volatile boolean cancelRequested;
    private volatile String error = "";

    ServedJob(
            final String id,
            final String client,
            final long createdMs,
            final JobRequest request,
            final Path resultsFile) {
        this.id = id;
        this.client = client;
        this.createdMs = createdMs;
        this.request = request;
        this.resultsFile = resultsFile;
    }

    /** A job that ended in an earlier run of the server: its files are complete. */
    static ServedJob ended(
            final String id,
            final String client,
            final long createdMs,
            final JobRequest request,
            final Path resultsFile,
            final EndRecord end) {
        final ServedJob job = new ServedJob(id, client, createdMs, request, resultsFile);
        job.state = end.state();
        job.endedMs = end.endedMs();
        job.finished.set(end.finished());
        job.ok.set(end.ok());
        job.notOk.set(end.notOk());
        job.error = end.error();
        job.ended.countDown();
        return job;
    }

    /** How a job ended, as its end file records it. */
    /** @param error why the job failed as a whole ("" when it did not): a model a worker could not make. */
    record EndRecord(String state, long endedMs, long finished, long ok, long notOk, String error) {}

    /**
     * Opens the job on the farm and submits its tasks from a new thread.
     *
     * @param onEnd called once the job ended by itself or by a cancel (not when the farm stopped under it: the job is
     *              then still accepted, and continues when the server starts again).
     */
    void start(final TaskFarm farm, final Consumer<EndRecord> onEnd) {
        final Thread runner = new Thread(() -> run(farm, onEnd), "served-job-" + id);
        runner.setDaemon(true);
        runner.start();
    }

    private void run(final TaskFarm farm, final Consumer<EndRecord> onEnd) {
        try (BufferedWriter out = Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8);
                BufferedWriter keys = Files.newBufferedWriter(keysFile(), StandardCharsets.UTF_8);
                BufferedWriter metrics =
                        hasMetrics() ? Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8) : null) {
            for (final JobRequest.Invalid invalid : request.invalid()) {
                write(out, resultsFile, ResultLines.invalid(request.type(), invalid.key(), invalid.reason()));
                write(keys, keysFile(), keyLine(invalid.key(), "INVALID", 1));
                finished.incrementAndGet();
                notOk.incrementAndGet();
            }
            out.flush();
            keys.flush();
            if (!modelsMade(farm, onEnd)) {
                return;
            }
            final JobSpec spec = new JobSpec(
                    id,
                    client,
                    request.priority(),
                    id,
                    Map.of("type", request.type(), "kind", request.kind(), "client", client));
            job = farm.job(spec)
                    .expectedTasks(request.tasks().size(), 16)
                    .onResult(outcome -> record(out, keys, metrics, outcome))
                    .open();
            state = "running";
            if (cancelRequested) {
                job.cancel("cancelled by a client");
            }
            for (final JobRequest.Task task : request.tasks()) {
                if (!job.submit(task.key(), request.engineKind(), task.payload())) {
                    break;
                }
            }
            final FarmReport report = job.finish();
            if (cancelRequested) {
                end("cancelled", onEnd);
            } else if (report.interruptedBy() == null && report.abortReason() == null) {
                end("succeeded", onEnd);
            }
            // else the farm stopped under it (the server is shutting down): it continues at the next start
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (final IOException | RuntimeException ex) {
            end("failed", onEnd);
        } finally {
            ended.countDown();
            changed();
        }
    }

    /** @param metrics the metrics file's writer, null for a job without metrics. */
    private void record(
            final BufferedWriter out,
            final BufferedWriter keys,
            final BufferedWriter metrics,
            final TaskOutcome outcome) {
        final List<String> lines = ResultLines.of(request.type(), outcome.key(), outcome.record());
        for (final String line : lines) {
            write(out, resultsFile, line);
        }
        if (metrics != null) {
            // before the results line's flush: a client that saw a series' rows finds its metrics
            for (final String line : ResultLines.metrics(request.type(), outcome.key(), outcome.record())) {
                write(metrics, metricsFile(), line);
            }
            flush(metrics, metricsFile());
        }
        write(keys, keysFile(), keyLine(outcome.key(), outcome.record().status().name(), lines.size()));
        flush(out, resultsFile);
        flush(keys, keysFile());
        finished.incrementAndGet();
        if (outcome.record().status() == TaskStatus.OK) {
            ok.incrementAndGet();
        } else {
            notOk.incrementAndGet();
        }
        changed();
    }

    private void changed() {
        for (final Runnable listener : changeListeners) {
            listener.run();
        }
    }

    /** @param listener run (on the job's thread, so briefly) after each result is in the job's files, and at its end. */
    void addChangeListener(final Runnable listener) {
        changeListeners.add(listener);
    }

    void removeChangeListener(final Runnable listener) {
        changeListeners.remove(listener);
    }

    private static void write(final BufferedWriter out, final Path file, final String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void flush(final BufferedWriter out, final Path file) {
        try {
            out.flush();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** @return a keys-file line: the key, its status and how many lines it has in the results file. */
    static String keyLine(final String key, final String status, final int rows) {
        final ObjectNode line = KEY_JSON.createObjectNode();
        line.put("key", key);
        line.put("status", status);
        line.put("rows", rows);
        return line.toString();
    }

    /**
     * Has a worker make the job's plugin models before any task runs ({@link ModelCheck}); a model that cannot be made
     * fails the job, its reason kept as the job's error.
     *
     * @return whether the tasks may run
     */
    private boolean modelsMade(final TaskFarm farm, final Consumer<EndRecord> onEnd) throws InterruptedException {
        try {
            ModelCheck.run(farm, request.models());
            return true;
        } catch (final IllegalArgumentException ex) {
            error = ex.getMessage();
            end("failed", onEnd);
            return false;
        }
    }

    private void end(final String endState, final Consumer<EndRecord> onEnd) {
        endedMs = System.currentTimeMillis();
        state = endState;
        onEnd.accept(new EndRecord(endState, endedMs, finished.get(), ok.get(), notOk.get(), error));
        changed();
    }

    /** Stops the job: its waiting tasks are not run; those running finish. */
    void cancel() {
        cancelRequested = true;
        final TaskJob open = job;
        if (open != null) {
            open.cancel("cancelled by a client");
        }
    }

    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    boolean isEnded() {
        return endedMs > 0;
    }

    String id() {
        return id;
    }

    String client() {
        return client;
    }

    String state() {
        return state;
    }

    /** @return why the job failed as a whole; "" when it did not. */
    String error() {
        return error;
    }

    long createdMs() {
        return createdMs;
    }

    long endedMs() {
        return endedMs;
    }

    JobRequest request() {
        return request;
    }

    Path resultsFile() {
        return resultsFile;
    }

    /** @return the file of the job's finished keys, beside its results file. */
    Path keysFile() {
        return resultsFile.resolveSibling(id + ".keys.ndjson");
    }

    /** @return whether the job has a metrics table: a cv job. */
    boolean hasMetrics() {
        return JobRequest.CV.equals(request.type());
    }

    /** @return the file of a cv job's metrics lines ({@link ResultLines#metrics}), beside its results file. */
    Path metricsFile() {
        return resultsFile.resolveSibling(id + ".metrics.ndjson");
    }

    long tasks() {
        return request.size();
    }

    long finished() {
        return finished.get();
    }

    long ok() {
        return ok.get();
    }

    long notOk() {
        return notOk.get();
    }
}
