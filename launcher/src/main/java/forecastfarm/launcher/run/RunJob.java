package forecastfarm.launcher.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.api.FarmRunException;
import forecastfarm.launcher.api.FarmSummary;
import forecastfarm.launcher.api.ModelCheck;
import forecastfarm.launcher.api.TaskFarm;
import forecastfarm.launcher.api.TaskJob;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.Terminal;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmLock;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.ModelPlugins;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.io.KeptTasks;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.io.TaskFileReader;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.job.JobSummary;
import forecastfarm.launcher.progress.ConsoleProgress;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.shared.wire.FarmQueues;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code farm run}: the user's tasks (tasks.jsonl or tasks.csv) through the farm, one kind for all, writing
 * results.jsonl, failed.csv, joblog.tsv and summary.json in {@code --out}. As the forecast job, it reads the input
 * twice and never holds it whole: a first pass checks every task (a bad model spec of the forecast kind refuses the
 * run; any other bad task is INVALID) and counts them, the second submits them one by one. A plugin model that the
 * tasks name ({@code onnx:PATH}) puts its plugin's jar on the workers' classpath, and a worker makes it before the first
 * task is submitted: one that cannot be made refuses the run.
 */
public final class RunJob {
    private static final int PROBLEMS_SHOWN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunOptions options;
    private final FarmContext ctx;
    private final PrintStream console;

    public RunJob(final RunOptions options, final FarmContext ctx, final PrintStream console) {
        this.options = options;
        this.ctx = ctx;
        this.console = console;
    }

    /** What the first pass found. */
    private record Scan(
            long tasks,
            long kept,
            double meanKeyBytes,
            double meanArgsBytes,
            List<InputProblem> problems,
            List<String> pluginModels) {}

    /**
     * @return the process exit code (see {@link ExitCodes}).
     */
    public int run() {
        ctx.conclude();
        TaskKinds.require(options.kind(), TaskKinds.list(ctx, options.taskJars()));
        final Map<String, String> kept = keptFromResults();
        final Set<Long> badLines = new HashSet<>();
        final Scan scan = scan(badLines, kept);
        printProblems(scan.problems());
        if (scan.tasks() == 0) {
            console.println("error: no task to run in " + options.input()
                    + (scan.problems().isEmpty() ? " (it has no tasks)" : "; see the problems above"));
            return ExitCodes.INPUT;
        }
        ModelPlugins.addJars(ctx, scan.pluginModels());
        final FarmLock lock = FarmLock.acquire(ctx.farmDirectory());
        final RunOutputs outputs;
        try {
            TaskKinds.writeFile(lock.farm(), options.taskJars(), options.settings());
            outputs = new RunOutputs(options.out());
        } catch (final IOException ex) {
            lock.close();
            throw outputFailure(ex);
        }
        final long toRun = Math.max(1, scan.tasks() - scan.kept());
        final AtomicLong finished = new AtomicLong();
        final Map<String, String> about = new LinkedHashMap<>();
        about.put("input", options.input().toString());
        about.put("kind", options.kind());
        if (!options.shard().isAll()) {
            about.put("shard", options.shard().toString());
        }
        final TaskFarm farm =
                TaskFarm.builder(ctx).lockedFarmDir(lock).handleSignals(true).start();
        try (farm) {
            final TaskJob job = farm.job(
                            JobSpec.ofFingerprint("run", options.fingerprint()).withDescription(about))
                    .expectedTasks(toRun, scan.meanKeyBytes())
                    .meanResultBytes((int) Math.min(1 << 20, Math.max(512, 2 * scan.meanArgsBytes())))
                    .onResult(outcome -> {
                        outputs.accept(outcome.key(), outcome.record());
                        finished.incrementAndGet();
                    })
                    .open();
            ModelCheck.run(farm, scan.pluginModels());
            return finish(job, outputs, scan, kept, badLines, finished);
        } catch (final InterruptedException ex) {
            outputs.abort();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (final IOException ex) {
            outputs.abort();
            throw outputFailure(ex);
        } catch (final RuntimeException ex) {
            outputs.abort();
            throw ex instanceof UncheckedIOException io ? outputFailure(io.getCause()) : ex;
        }
    }

    private int finish(
            final TaskJob farm,
            final RunOutputs outputs,
            final Scan scan,
            final Map<String, String> kept,
            final Set<Long> badLines,
            final AtomicLong finished)
            throws IOException {
        for (final InputProblem problem : scan.problems()) {
            outputs.invalid(problem);
        }
        console.printf(
                Locale.ROOT,
                "running %d tasks of kind %s%s on %d workers; farm dir %s%n",
                scan.tasks() - scan.kept(),
                options.kind(),
                scan.kept() == 0 ? "" : " (" + scan.kept() + " done in an earlier run are kept)",
                ctx.workers(),
                ctx.farmDir());
        final long[] submitted = {0};
        final FarmReport report;
        try (ConsoleProgress progress = ConsoleProgress.start(
                ctx.farmDirectory(),
                console,
                options.kind(),
                "tasks",
                scan.tasks() - scan.kept(),
                finished::get,
                Terminal.isInteractive())) {
            try {
                read(task -> {
                    if (badLines.contains(task.line()) || !submit(farm, outputs, kept, task)) {
                        return;
                    }
                    submitted[0]++;
                });
            } catch (final FarmStopped stopped) {
                // a signal or a failed write: the tasks not read are counted below
            }
            report = farm.finish();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (final FarmRunException ex) {
            // the farm's own failure, or a result that could not be written (handled by the caller)
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
        final int notRun = outputs.notRun();
        final long notRead = Math.max(0, scan.tasks() - scan.kept() - submitted[0]);
        outputs.carryOver(kept);
        outputs.commit();
        final JobSummary summary = new JobSummary(
                FarmSummary.of(report),
                outputs.invalidCount(),
                0,
                notRun + notRead,
                outputs.carried(),
                outputs.taskMsP50P95Max(),
                ctx.farmDir());
        final Map<String, Object> json = summary.toJson();
        json.put("kind", options.kind());
        if (!options.shard().isAll()) {
            json.put("shard", options.shard().toString());
        }
        SummaryJson.write(options.out().resolve("summary.json"), json);
        summary.print(
                console,
                options.out().toAbsolutePath().normalize() + " (" + ResultsJsonl.FILE_NAME + ", failed.csv, "
                        + JobLogWriter.FILE_NAME + ", summary.json)",
                "tasks",
                "task");
        return summary.exitCode();
    }

    /** @return false when the task is kept from an earlier run (not submitted). */
    private boolean submit(
            final TaskJob farm, final RunOutputs outputs, final Map<String, String> kept, final TaskLine task) {
        if (kept.containsKey(task.key())) {
            outputs.skipped(task.key(), task.line());
            return false;
        }
        final byte[] payload = payload(task, models -> {});
        outputs.submitted(task.key(), task.line());
        try {
            if (!farm.submit(task.key(), WorkerArgs.JSON_KIND_PREFIX + options.kind(), payload)) {
                outputs.withdraw(task.key());
                throw new FarmStopped();
            }
        } catch (final InterruptedException ex) {
            outputs.withdraw(task.key());
            Thread.currentThread().interrupt();
            throw new FarmStopped();
        }
        return true;
    }

    /**
     * The first pass: counts the tasks to run and collects the problems, the lines of tasks found bad here (by the
     * kind's own check) in {@code badLines}, and the plugin models of the tasks that are not.
     */
    private Scan scan(final Set<Long> badLines, final Map<String, String> kept) {
        final List<InputProblem> problems = new ArrayList<>();
        final PluginModelSpecs pluginModels = new PluginModelSpecs();
        final long[] counts = {0, 0, 0, 0};
        read(
                task -> {
                    try {
                        final List<ModelSpec> models = new ArrayList<>();
                        final int bytes = payload(task, models::addAll).length;
                        if (bytes > FarmQueues.MAX_MESSAGE_BYTES) {
                            throw new InputException(
                                    null,
                                    "line " + task.line() + ": task " + task.key() + " has " + bytes
                                            + " bytes of args, more than one task can carry ("
                                            + FarmQueues.MAX_MESSAGE_BYTES + ")");
                        }
                        pluginModels.add(models);
                        counts[0]++;
                        counts[3] += kept.containsKey(task.key()) ? 1 : 0;
                        counts[1] += task.key().getBytes(StandardCharsets.UTF_8).length;
                        counts[2] += bytes;
                    } catch (final InputException ex) {
                        badLines.add(task.line());
                        problems.add(new InputProblem(task.key(), task.line(), ex.getMessage()));
                    }
                },
                problems::add);
        final double n = Math.max(1, counts[0]);
        return new Scan(counts[0], counts[3], counts[1] / n, counts[2] / n, problems, pluginModels.specs());
    }

    private void read(final Consumer<TaskLine> onTask) {
        read(onTask, problem -> {});
    }

    private void read(final Consumer<TaskLine> onTask, final Consumer<InputProblem> onProblem) {
        TaskFileReader.read(
                options.input(),
                task -> {
                    if (options.shard().contains(task.key())) {
                        onTask.accept(task);
                    }
                },
                options.shard().problems(onProblem));
    }

    /** @return the args the worker gets, as UTF-8 JSON (the built-in kinds' prepared by {@link ForecastArgs}). */
    private byte[] payload(final TaskLine task, final Consumer<List<ModelSpec>> onModels) {
        final ObjectNode args = ForecastArgs.prepare(options.kind(), task, options.time(), onModels);
        try {
            return JSON.writeValueAsBytes(args);
        } catch (final JsonProcessingException ex) {
            throw new InputException(null, "line " + task.line() + ": task " + task.key() + ": " + ex.getMessage());
        }
    }

    /** @return key to status in the earlier results.jsonl of the tasks this run keeps. */
    private Map<String, String> keptFromResults() {
        if (!options.resume() && !options.retryFailed()) {
            return Map.of();
        }
        return KeptTasks.select(
                ResultsJsonl.statuses(options.out().resolve(ResultsJsonl.FILE_NAME)),
                options.resume(),
                options.retryFailed());
    }

    private UncheckedIOException outputFailure(final IOException ex) {
        return new UncheckedIOException(
                "cannot write results to " + options.out() + ": " + ex.getMessage() + " (the results are kept in the"
                        + " farm dir " + ctx.farmDir() + "; free space or choose another --out, then rerun the same"
                        + " command to write them)",
                ex);
    }

    private static final class FarmStopped extends RuntimeException {
        FarmStopped() {
            super(null, null, false, false);
        }
    }

    private void printProblems(final List<InputProblem> problems) {
        problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> console.println("input problem: " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            console.printf(
                    Locale.ROOT,
                    "... and %d more input problems (all are in %s)%n",
                    problems.size() - PROBLEMS_SHOWN,
                    options.out().resolve("failed.csv"));
        }
    }
}
