package forecastfarm.launcher.bench;

import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.shared.codec.PayloadWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/bench}: benchmarks of the real farm (real worker JVMs, real queues, real results map), timed with
 * {@link System#nanoTime()}: a warm-up run, then the median of several repetitions. Not a unit test.
 * <ul>
 * <li>{@code overhead}: the farm's own cost per task, with "noop" tasks;</li>
 * <li>{@code scaling}: parallel efficiency of a CPU-bound "spin" workload, 1 worker against N, next to the same
 * work in N plain side-by-side JVMs ("bare": the machine's own ceiling), and the farm's figure relative to it;</li>
 * <li>{@code coldstart}: a worker's start-up, spawn to READY and to its first result.</li>
 * <li>{@code inspect}: {@code scripts/farm inspect --id X} and plain {@code inspect}, end to end, on a real job's
 * farm dir ({@link InspectBench}).</li>
 * </ul>
 * Each prints readable lines and one machine-readable line starting with {@code RESULT }.
 */
public final class FarmBenchmark {
    static final String NOOP = "noop";
    static final String SPIN = "spin";
    static final int KEY_LENGTH = 8;
    static final int EXPECTED_VALUE_BYTES = 64;

    static final double OVERHEAD_TARGET_US = 20.0;
    static final double OVERHEAD_TARGET_TASKS_PER_S = 50_000.0;
    static final double EFFICIENCY_TARGET = 0.95;
    /** Whole spin tasks each bare process runs before it says it is ready (after its short JIT warm-up calls). */
    static final int BARE_WARMUP_TASKS = 3;

    private static final String USAGE = String.join(
            "\n",
            "usage: scripts/bench overhead  [--tasks 100000] [--workers 2] [--reps 3] [--warmup-tasks 20000]",
            "       scripts/bench scaling   [--task-ms 10] [--tasks 1200] [--workers 1,2] [--reps 3]",
            "       scripts/bench m3        [--models naive2,theta,ets,arima,comb] [--categories yearly,...] "
                    + "[--limit N] [--workers N] [--data ../shared/data]",
            "       scripts/bench comb-choice [--models ets,theta,arima] [--windows 2] [--categories yearly,...] "
                    + "[--limit N] [--workers N] [--data ../shared/data]",
            "       scripts/bench coldstart [--reps 5]",
            "       scripts/bench parquet-read [--series 1000] [--days 1000] [--reps 5]",
            "       scripts/bench inspect   [--reps 5] [--input scripts/sample/sp500_50.csv]",
            "       scripts/bench fair-share [--small 20] [--big 20000] [--task-ms 10] [--workers 2] [--reps 5]",
            "       scripts/bench job-memory [--jobs 200] [--tasks 1000] [--workers 2]",
            "       scripts/bench serve-warm [--series 5] [--reps 20] [--cli-reps 3] [--worker-jit quick|peak]"
                    + " [--worker-threads N]",
            "       scripts/bench serve-fair [--series 5] [--big 20000] [--reps 10]",
            "       scripts/bench serve-retention [--jobs 200] [--retention-s 10]",
            "       scripts/bench serve-clients [--clients 8] [--jobs 25] [--cli-reps 3]",
            "       scripts/bench serve-watchers [--tasks 20000] [--watchers 1000] [--model ets] [--rounds 3] [--encoding gzip|identity]",
            "Runs the real farm (worker JVMs from -Dfarm.worker.classpath) in temp farm dirs under java.io.tmpdir.");

    private final PrintStream out;
    private final Path scratch;
    private int workerCrashes;

    private FarmBenchmark(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    public static void main(final String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        final List<String> rest = Arrays.asList(args).subList(1, args.length);
        final Path scratch;
        try {
            scratch = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "farm-bench-");
        } catch (final IOException ex) {
            err.println("error: cannot create a scratch dir in java.io.tmpdir: " + ex.getMessage());
            return 1;
        }
        final Thread cleanup = new Thread(() -> deleteScratch(scratch, err), "farm-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            final FarmBenchmark bench = new FarmBenchmark(out, scratch);
            switch (args[0]) {
                case "overhead":
                    bench.overhead(BenchArgs.parse(rest, Set.of("tasks", "workers", "reps", "warmup-tasks")));
                    return 0;
                case "scaling":
                    bench.scaling(BenchArgs.parse(rest, Set.of("task-ms", "tasks", "workers", "reps")));
                    return 0;
                case "coldstart":
                    bench.coldstart(BenchArgs.parse(rest, Set.of("reps")));
                    return 0;
                case "parquet-read":
                    new ParquetReadBench(out, scratch).run(BenchArgs.parse(rest, Set.of("series", "days", "reps")));
                    return 0;
                case "inspect":
                    new InspectBench(out, scratch).run(BenchArgs.parse(rest, Set.of("reps", "input")));
                    return 0;
                case "fair-share":
                    new JobsBench(out, scratch)
                            .fairShare(BenchArgs.parse(rest, Set.of("small", "big", "task-ms", "workers", "reps")));
                    return 0;
                case "job-memory":
                    new JobsBench(out, scratch).jobMemory(BenchArgs.parse(rest, Set.of("jobs", "tasks", "workers")));
                    return 0;
                case "serve-fair":
                    new ServeBench(out, scratch)
                            .fair(BenchArgs.parse(rest, Set.of("series", "reps", "big", "worker-jit")));
                    return 0;
                case "serve-retention":
                    new ServeRetentionBench(out, scratch)
                            .retention(BenchArgs.parse(rest, Set.of("jobs", "retention-s")));
                    return 0;
                case "serve-clients":
                    new ServeLoadBench(out, scratch)
                            .clients(BenchArgs.parse(rest, Set.of("clients", "jobs", "cli-reps")));
                    return 0;
                case "serve-watchers":
                    new ServeLoadBench(out, scratch)
                            .watchers(
                                    BenchArgs.parse(rest, Set.of("tasks", "watchers", "model", "rounds", "encoding")));
                    return 0;
                case "serve-warm":
                    new ServeBench(out, scratch)
                            .warm(BenchArgs.parse(
                                    rest, Set.of("series", "reps", "cli-reps", "worker-jit", "worker-threads")));
                    return 0;
                case "m3":
                    new M3Accuracy(out, scratch)
                            .run(BenchArgs.parse(rest, Set.of("data", "models", "categories", "limit", "workers")));
                    return 0;
                case "comb-choice":
                    new CombChoice(out, scratch)
                            .run(BenchArgs.parse(
                                    rest, Set.of("data", "models", "categories", "windows", "limit", "workers")));
                    return 0;
                default:
                    err.println("error: unknown benchmark '" + args[0] + "'\n" + USAGE);
                    return 2;
            }
        } catch (final IllegalArgumentException ex) {
            err.println("error: " + ex.getMessage() + "\n" + USAGE);
            return 2;
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        } catch (final RuntimeException ex) {
            err.println("error: benchmark failed: " + ex);
            ex.printStackTrace(err);
            return 1;
        } finally {
            deleteScratch(scratch, err);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (final IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private static void deleteScratch(final Path scratch, final PrintStream err) {
        if (FarmTrial.KEEP_FARM_DIRS) {
            err.println("farm dirs kept in " + scratch + " (-Dfarm.bench.keep=true)");
        } else {
            FarmTrial.deleteTree(scratch);
        }
    }

    // ------------------------------------------------------------------------------------------------ overhead

    private void overhead(final BenchArgs args) {
        final int n = args.intValue("tasks", 100_000, 2);
        final int workers = args.intValue("workers", 2, 1);
        final int reps = args.intValue("reps", 3, 1);
        final int warmupTasks = args.intValue("warmup-tasks", Math.min(n, 20_000), 0);
        final List<TaskSpec> big = noopTasks(n);
        final List<TaskSpec> one = noopTasks(1);
        final MapSizing sizing = MapSizing.forTasks(n, KEY_LENGTH, EXPECTED_VALUE_BYTES);
        out.printf(
                Locale.ROOT,
                "overhead: %,d noop tasks (8-byte payload) through Farm.run with %d worker(s), "
                        + "a fresh farm dir per run; %d rep(s), median reported%n",
                n,
                workers,
                reps);
        out.println("  method: T_N = Farm.run wall for N tasks, T_1 = the same for 1 task (same map sizing);");
        out.println("          marginal = (T_N - T_1) / (N - 1)  [worker start-up and shutdown cancel out];");
        out.println("          steady   = from the arrival by which every worker delivered a result to the last "
                + "arrival, per task;");
        out.println("          incl.start = T_N / N;");
        out.println("          target judged on the worse of marginal and steady;");
        out.println("          CPU per task = (CPU in the N-task run - CPU in the 1-task run) / (N - 1): the "
                + "conductor thread, the whole launcher JVM (conductor, map writer, JIT, GC), and the worker processes "
                + "up to the last result.");
        warmUp(() -> {
            if (warmupTasks > 0) {
                trial(workers, noopTasks(warmupTasks), sizing, false);
            }
            trial(workers, one, sizing, false);
        });

        final double[] wallN = new double[reps];
        final double[] wall1 = new double[reps];
        final double[] marginalNs = new double[reps];
        final double[] steadyNs = new double[reps];
        final double[] inclStartNs = new double[reps];
        final double[] conductorCpuNs = new double[reps];
        final double[] launcherCpuNs = new double[reps];
        final double[] workersCpuNs = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            final FarmTrial.Outcome oneRun;
            final FarmTrial.Outcome bigRun;
            if (rep % 2 == 0) {
                oneRun = trial(workers, one, sizing, false, true);
                bigRun = trial(workers, big, sizing, false, true);
            } else {
                bigRun = trial(workers, big, sizing, false, true);
                oneRun = trial(workers, one, sizing, false, true);
            }
            wallN[rep] = bigRun.wallNs();
            wall1[rep] = oneRun.wallNs();
            marginalNs[rep] = BenchMath.marginalPerTask(bigRun.wallNs(), n, oneRun.wallNs(), 1);
            steadyNs[rep] = bigRun.steadyWindow().nanosPerTask();
            inclStartNs[rep] = (double) bigRun.wallNs() / n;
            conductorCpuNs[rep] = BenchMath.marginalPerTask(bigRun.conductorCpuNs(), n, oneRun.conductorCpuNs(), 1);
            launcherCpuNs[rep] = bigRun.launcherCpuNs() < 0 || oneRun.launcherCpuNs() < 0
                    ? Double.NaN
                    : BenchMath.marginalPerTask(bigRun.launcherCpuNs(), n, oneRun.launcherCpuNs(), 1);
            workersCpuNs[rep] = bigRun.workersCpuNs() < 0 || oneRun.workersCpuNs() < 0
                    ? Double.NaN
                    : BenchMath.marginalPerTask(bigRun.workersCpuNs(), n, oneRun.workersCpuNs(), 1);
            out.printf(
                    Locale.ROOT,
                    "  rep %d: T_N %8.1f ms  T_1 %6.1f ms  marginal %7.2f us/task (%,9.0f tasks/s)  "
                            + "steady %7.2f us/task (%,9.0f tasks/s)  incl.start %7.2f us/task%n",
                    rep + 1,
                    ms(wallN[rep]),
                    ms(wall1[rep]),
                    us(marginalNs[rep]),
                    BenchMath.perSecond(1, marginalNs[rep]),
                    us(steadyNs[rep]),
                    BenchMath.perSecond(1, steadyNs[rep]),
                    us(inclStartNs[rep]));
            out.printf(
                    Locale.ROOT,
                    "         CPU per task (marginal): conductor thread %.2f us, launcher JVM "
                            + "%.2f us, workers %.2f us (all); worker-side mean task %.2f us%n",
                    us(conductorCpuNs[rep]),
                    us(launcherCpuNs[rep]),
                    us(workersCpuNs[rep]),
                    us(bigRun.meanTaskWallNs()));
        }
        final double tN = BenchMath.median(wallN);
        final double t1 = BenchMath.median(wall1);
        final double marginal = BenchMath.median(marginalNs);
        final double steady = BenchMath.median(steadyNs);
        final double inclStart = BenchMath.median(inclStartNs);
        // The verdict takes the worse of the two start-up-free figures: the difference of two runs is noisy when
        // N tasks take less time than the start-up varies by, the steady window is not.
        final double judged = Math.max(marginal, steady);
        final boolean pass =
                us(judged) <= OVERHEAD_TARGET_US && BenchMath.perSecond(1, judged) >= OVERHEAD_TARGET_TASKS_PER_S;
        out.printf(Locale.ROOT, "  median T_N %.1f ms, T_1 %.1f ms%n", ms(tN), ms(t1));
        out.printf(
                Locale.ROOT,
                "  marginal   %7.2f us/task  %,10.0f tasks/s%n",
                us(marginal),
                BenchMath.perSecond(1, marginal));
        out.printf(
                Locale.ROOT,
                "  steady     %7.2f us/task  %,10.0f tasks/s%n",
                us(steady),
                BenchMath.perSecond(1, steady));
        out.printf(
                Locale.ROOT,
                "  incl.start %7.2f us/task  %,10.0f tasks/s%n",
                us(inclStart),
                BenchMath.perSecond(1, inclStart));
        out.printf(
                Locale.ROOT,
                "  judged (worse of marginal and steady) %.2f us/task, %,.0f tasks/s: target <= %.0f "
                        + "us/task and >= %,.0f tasks/s with 2 workers: %s%n",
                us(judged),
                BenchMath.perSecond(1, judged),
                OVERHEAD_TARGET_US,
                OVERHEAD_TARGET_TASKS_PER_S,
                pass ? "MET" : "MISSED");
        final double conductorCpu = medianIgnoringNaN(conductorCpuNs);
        final double launcherCpu = medianIgnoringNaN(launcherCpuNs);
        final double workersCpu = medianIgnoringNaN(workersCpuNs);
        out.printf(
                Locale.ROOT,
                "  CPU per task (marginal): conductor thread %.2f us, launcher JVM %.2f us, all "
                        + "workers %.2f us; total %.2f us on %d processor(s)%n",
                us(conductorCpu),
                us(launcherCpu),
                us(workersCpu),
                us(launcherCpu + workersCpu),
                Runtime.getRuntime().availableProcessors());
        final List<Object> crashes = crashReport();
        result(kv(
                "bench",
                "overhead",
                "tasks",
                n,
                "workers",
                workers,
                "reps",
                reps,
                "t_n_ms",
                fmt(ms(tN)),
                "t_1_ms",
                fmt(ms(t1)),
                "us_per_task_marginal",
                fmt(us(marginal)),
                "tasks_per_s_marginal",
                fmt0(BenchMath.perSecond(1, marginal)),
                "us_per_task_steady",
                fmt(us(steady)),
                "tasks_per_s_steady",
                fmt0(BenchMath.perSecond(1, steady)),
                "us_per_task_incl_start",
                fmt(us(inclStart)),
                "tasks_per_s_incl_start",
                fmt0(BenchMath.perSecond(1, inclStart)),
                "cpu_us_per_task_conductor",
                fmt(us(conductorCpu)),
                "cpu_us_per_task_launcher",
                fmt(us(launcherCpu)),
                "cpu_us_per_task_workers",
                fmt(us(workersCpu)),
                "cpus",
                Runtime.getRuntime().availableProcessors(),
                "us_per_task_judged",
                fmt(us(judged)),
                "target_us_per_task",
                fmt0(OVERHEAD_TARGET_US),
                "target_tasks_per_s",
                fmt0(OVERHEAD_TARGET_TASKS_PER_S),
                "target_met",
                pass,
                crashes.get(0),
                crashes.get(1)));
    }

    // ------------------------------------------------------------------------------------------------- scaling

    private void scaling(final BenchArgs args) {
        final double taskMs = args.doubleValue("task-ms", 10.0, 0.0);
        final int m = args.intValue("tasks", 1200, 2);
        final int reps = args.intValue("reps", 3, 1);
        final List<Integer> counts = new ArrayList<>(args.intList("workers", List.of(1, 2)));
        if (!counts.contains(1)) {
            counts.add(0, 1);
        }
        counts.sort(Comparator.naturalOrder());
        final int small = lcm(counts);
        if (small * 2 > m) {
            throw new IllegalArgumentException("--tasks " + m + " is too few for worker counts " + counts
                    + ": need at least " + small * 2 + " (twice the small run of " + small + " tasks)");
        }
        final double nsPerIteration = SpinCalibration.nsPerIteration();
        final long iterations = BenchMath.spinIterations(taskMs * 1e6, nsPerIteration);
        out.printf(
                Locale.ROOT,
                "scaling: %d spin tasks of ~%.2f ms (%,d iterations; calibrated here at %.3f "
                        + "ns/iteration after warm-up), worker counts %s; %d rep(s), order alternating, median reported%n",
                m,
                taskMs,
                iterations,
                nsPerIteration,
                counts,
                reps);
        out.printf(
                Locale.ROOT,
                "  machine: %d available processors%n",
                Runtime.getRuntime().availableProcessors());
        out.println("  method (start-up excluded two ways, same for every worker count):");
        out.println("    steady: tasks per second from the arrival by which every worker delivered its first "
                + "result to the last arrival; T_w = M / that rate  [primary]");
        out.printf(
                Locale.ROOT,
                "    diff:   T_w = wall(M tasks) - wall(%d tasks); %d is a multiple of every worker "
                        + "count, so the difference is the same M-%d tasks for every count%n",
                small,
                small,
                small);
        out.println("    efficiency(N) = T_1 / (N * T_N)");
        out.printf(
                Locale.ROOT,
                "    bare:   the machine's own ceiling, in the same rep loop: N plain JVMs (%s, no farm, "
                        + "no flags; same java, launcher class path) each warm up (JIT + %d tasks), wait until all N are ready, then "
                        + "run their share M/N of the same spin tasks; bare T_N = the slowest process's measured part%n",
                BareSpin.class.getSimpleName(),
                BARE_WARMUP_TASKS);
        out.println("    relative(N) = farm efficiency(N) / bare efficiency(N): the farm's scaling relative to the "
                + "machine's  [1.0 = the farm loses nothing]");
        final List<TaskSpec> bigTasks = spinTasks(m, iterations);
        final List<TaskSpec> smallTasks = spinTasks(small, iterations);
        final MapSizing sizing = MapSizing.forTasks(m, KEY_LENGTH, EXPECTED_VALUE_BYTES);
        final int maxWorkers = counts.get(counts.size() - 1);
        warmUp(() -> trial(maxWorkers, smallTasks, sizing, false));

        final Map<Integer, double[]> steadyT = new LinkedHashMap<>();
        final Map<Integer, double[]> diffT = new LinkedHashMap<>();
        final Map<Integer, double[]> taskWall = new LinkedHashMap<>();
        final Map<Integer, double[]> bareT = new LinkedHashMap<>();
        final Map<Integer, double[]> bareTaskWall = new LinkedHashMap<>();
        final Map<Integer, double[]> relativeByRep = new LinkedHashMap<>();
        counts.forEach(w -> {
            relativeByRep.put(w, new double[reps]);
            steadyT.put(w, new double[reps]);
            diffT.put(w, new double[reps]);
            taskWall.put(w, new double[reps]);
            bareT.put(w, new double[reps]);
            bareTaskWall.put(w, new double[reps]);
        });
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final String classPath = System.getProperty("java.class.path");
        final long bareTimeoutMs = 60_000L + Math.round(5 * m * taskMs);
        for (int rep = 0; rep < reps; rep++) {
            final List<Integer> order = new ArrayList<>(counts);
            if (rep % 2 == 1) {
                order.sort(Comparator.reverseOrder());
            }
            for (final int w : order) {
                final FarmTrial.Outcome bigRun;
                final FarmTrial.Outcome smallRun;
                final BareTrial.Outcome bareRun;
                // odd reps run everything in reverse: bare first, then the small farm run, then the big one
                if (rep % 2 == 0) {
                    bigRun = trial(w, bigTasks, sizing, false);
                    smallRun = trial(w, smallTasks, sizing, false);
                    bareRun = BareTrial.run(java, classPath, w, m, iterations, BARE_WARMUP_TASKS, bareTimeoutMs);
                } else {
                    bareRun = BareTrial.run(java, classPath, w, m, iterations, BARE_WARMUP_TASKS, bareTimeoutMs);
                    smallRun = trial(w, smallTasks, sizing, false);
                    bigRun = trial(w, bigTasks, sizing, false);
                }
                bareT.get(w)[rep] = bareRun.slowestNs();
                bareTaskWall.get(w)[rep] = bareRun.meanTaskNs();
                final BenchMath.Window window = bigRun.steadyWindow();
                steadyT.get(w)[rep] = window.nanosPerTask() * m;
                diffT.get(w)[rep] = bigRun.wallNs() - smallRun.wallNs();
                taskWall.get(w)[rep] = bigRun.meanTaskWallNs();
                out.printf(
                        Locale.ROOT,
                        "  rep %d, %d worker(s): wall(M) %7.1f ms  wall(%d) %6.1f ms  steady T %7.1f "
                                + "ms (%d tasks in window)  diff T %7.1f ms  worker-side mean task %.2f ms%n",
                        rep + 1,
                        w,
                        ms(bigRun.wallNs()),
                        small,
                        ms(smallRun.wallNs()),
                        ms(steadyT.get(w)[rep]),
                        window.tasks(),
                        ms(diffT.get(w)[rep]),
                        ms(taskWall.get(w)[rep]));
                out.printf(
                        Locale.ROOT,
                        "  rep %d, %d bare JVM(s):  T %7.1f ms (slowest of %d; fastest %.1f ms)  "
                                + "mean task %.2f ms%n",
                        rep + 1,
                        w,
                        ms(bareT.get(w)[rep]),
                        w,
                        ms(bareRun.fastestNs()),
                        ms(bareTaskWall.get(w)[rep]));
            }
            // the same rep's farm and bare runs were close in time, so a passing load on a shared machine hits both
            for (final int w : counts) {
                if (w == 1) {
                    continue;
                }
                final double farmEff = BenchMath.parallelEfficiency(steadyT.get(1)[rep], steadyT.get(w)[rep], w);
                final double bareEff = BenchMath.parallelEfficiency(bareT.get(1)[rep], bareT.get(w)[rep], w);
                relativeByRep.get(w)[rep] = BenchMath.relativeEfficiency(farmEff, bareEff);
                out.printf(
                        Locale.ROOT,
                        "  rep %d, %d workers: efficiency farm %.3f (steady), bare %.3f, relative " + "%.3f%n",
                        rep + 1,
                        w,
                        farmEff,
                        bareEff,
                        relativeByRep.get(w)[rep]);
            }
        }
        final double t1Steady = BenchMath.median(steadyT.get(1));
        final double t1Diff = BenchMath.median(diffT.get(1));
        final double t1Bare = BenchMath.median(bareT.get(1));
        final List<Object> pairs = new ArrayList<>(List.of(
                "bench",
                "scaling",
                "tasks",
                m,
                "task_ms",
                fmt(taskMs),
                "iterations",
                iterations,
                "reps",
                reps,
                "workers",
                join(counts),
                "mean_task_ms_1",
                fmt(ms(BenchMath.median(taskWall.get(1)))),
                "t1_steady_ms",
                fmt(ms(t1Steady)),
                "t1_diff_ms",
                fmt(ms(t1Diff)),
                "t1_bare_ms",
                fmt(ms(t1Bare)),
                "mean_task_ms_1_bare",
                fmt(ms(BenchMath.median(bareTaskWall.get(1))))));
        out.printf(
                Locale.ROOT,
                "  T1: steady %.1f ms, diff %.1f ms, bare %.1f ms (farm steady / bare %.3f)%n",
                ms(t1Steady),
                ms(t1Diff),
                ms(t1Bare),
                t1Steady / t1Bare);
        boolean met = true;
        boolean relativeMet = true;
        final List<String> summary = new ArrayList<>();
        for (final int w : counts) {
            if (w == 1) {
                continue;
            }
            final double tSteady = BenchMath.median(steadyT.get(w));
            final double tDiff = BenchMath.median(diffT.get(w));
            final double effSteady = BenchMath.parallelEfficiency(t1Steady, tSteady, w);
            final double effDiff = BenchMath.parallelEfficiency(t1Diff, tDiff, w);
            final double tBare = BenchMath.median(bareT.get(w));
            final double effBare = BenchMath.parallelEfficiency(t1Bare, tBare, w);
            final double relSteady = BenchMath.relativeEfficiency(effSteady, effBare);
            final double relDiff = BenchMath.relativeEfficiency(effDiff, effBare);
            met &= effSteady >= EFFICIENCY_TARGET;
            relativeMet &= relSteady >= EFFICIENCY_TARGET;
            out.printf(
                    Locale.ROOT,
                    "  T%d: steady %.1f ms, diff %.1f ms   efficiency T1/(%d*T%d): steady %.3f, "
                            + "diff %.3f   (target >= %.2f): %s%n",
                    w,
                    ms(tSteady),
                    ms(tDiff),
                    w,
                    w,
                    effSteady,
                    effDiff,
                    EFFICIENCY_TARGET,
                    effSteady >= EFFICIENCY_TARGET ? "MET" : "MISSED");
            out.printf(
                    Locale.ROOT,
                    "  T%d bare: %.1f ms   bare efficiency T1bare/(%d*T%dbare): %.3f  (the machine's "
                            + "ceiling for %d side-by-side JVMs)%n",
                    w,
                    ms(tBare),
                    w,
                    w,
                    effBare,
                    w);
            final double relByRep = medianIgnoringNaN(relativeByRep.get(w));
            summary.add(String.format(
                    Locale.ROOT,
                    "  %d workers: farm efficiency %.3f (steady; diff %.3f), bare "
                            + "efficiency %.3f, farm efficiency relative to the machine %.3f (diff %.3f; median of the reps' "
                            + "own relatives %.3f)  (relative >= %.2f): %s",
                    w,
                    effSteady,
                    effDiff,
                    effBare,
                    relSteady,
                    relDiff,
                    relByRep,
                    EFFICIENCY_TARGET,
                    relSteady >= EFFICIENCY_TARGET ? "MET" : "MISSED"));
            pairs.addAll(List.of(
                    "t" + w + "_steady_ms",
                    fmt(ms(tSteady)),
                    "t" + w + "_diff_ms",
                    fmt(ms(tDiff)),
                    "efficiency_" + w + "_steady",
                    fmt3(effSteady),
                    "efficiency_" + w + "_diff",
                    fmt3(effDiff),
                    "mean_task_ms_" + w,
                    fmt(ms(BenchMath.median(taskWall.get(w)))),
                    "t" + w + "_bare_ms",
                    fmt(ms(tBare)),
                    "mean_task_ms_" + w + "_bare",
                    fmt(ms(BenchMath.median(bareTaskWall.get(w)))),
                    "efficiency_" + w + "_bare",
                    fmt3(effBare),
                    "efficiency_" + w + "_relative",
                    fmt3(relSteady),
                    "efficiency_" + w + "_relative_diff",
                    fmt3(relDiff),
                    "efficiency_" + w + "_relative_rep_median",
                    fmt3(relByRep)));
        }
        summary.forEach(out::println);
        out.printf(
                Locale.ROOT,
                "  relative target: farm efficiency / bare efficiency >= %.2f for every N: %s%n",
                EFFICIENCY_TARGET,
                relativeMet ? "MET" : "MISSED");
        pairs.addAll(List.of(
                "target_efficiency",
                fmt(EFFICIENCY_TARGET),
                "target_met",
                met,
                "target_relative_met",
                relativeMet,
                "cpus",
                Runtime.getRuntime().availableProcessors()));
        pairs.addAll(crashReport());
        result(kv(pairs.toArray()));
    }

    // ----------------------------------------------------------------------------------------------- coldstart

    private void coldstart(final BenchArgs args) {
        final int reps = args.intValue("reps", 5, 1);
        final List<TaskSpec> one = noopTasks(1);
        final MapSizing sizing = MapSizing.forTasks(1, KEY_LENGTH, EXPECTED_VALUE_BYTES);
        out.printf(
                Locale.ROOT,
                "coldstart: Farm.run with 1 worker and 1 noop task, a fresh farm dir per run; "
                        + "%d rep(s) after a warm-up run, median reported%n",
                reps);
        out.println("  run start = the status file's run start (written just before the conductor spawns the "
                + "worker); JVM exec from /proc (10 ms resolution);");
        out.println("  READY = the worker's READY_MS counter; first result = the listener's clock on its arrival.");
        warmUp(() -> trial(1, one, sizing, true));
        final String[] names = {
            "farm_run_wall_ms",
            "setup_ms",
            "spawn_to_exec_ms",
            "exec_to_ready_ms",
            "spawn_to_ready_ms",
            "ready_to_first_result_ms",
            "spawn_to_first_result_ms",
            "first_result_to_return_ms"
        };
        final String[] labels = {
            "Farm.run wall (upper bound, 1 noop task)",
            "Farm.run entry -> run start (lock, " + "manifest, map)",
            "run start -> worker JVM exec",
            "worker JVM exec -> READY",
            "run start -> READY (spawn " + "-> ready)",
            "READY -> first result",
            "run start -> first result (spawn -> first result)",
            "first result -> Farm.run returns (stop, exit, flush)"
        };
        final double[][] values = new double[names.length][reps];
        for (int rep = 0; rep < reps; rep++) {
            final FarmTrial.Outcome run = trial(1, one, sizing, true);
            final FarmTrial.StartupProbe probe = run.probe();
            final double[] v = {
                ms(run.wallNs()),
                probe.runStartMs() - run.entryEpochMs(),
                probe.jvmStartMs() < 0 ? Double.NaN : probe.jvmStartMs() - probe.runStartMs(),
                probe.jvmStartMs() < 0 ? Double.NaN : probe.readyMs() - probe.jvmStartMs(),
                probe.readyMs() - probe.runStartMs(),
                run.firstResultEpochMs() - probe.readyMs(),
                run.firstResultEpochMs() - probe.runStartMs(),
                run.returnEpochMs() - run.firstResultEpochMs()
            };
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  rep %d:", rep + 1));
            for (int i = 0; i < names.length; i++) {
                values[i][rep] = v[i];
                line.append(String.format(Locale.ROOT, " %s=%.1f", names[i].replace("_ms", ""), v[i]));
            }
            out.println(line);
        }
        final List<Object> pairs = new ArrayList<>(List.of("bench", "coldstart", "reps", reps));
        for (int i = 0; i < names.length; i++) {
            final double median = medianIgnoringNaN(values[i]);
            out.printf(Locale.ROOT, "  %-55s %8.1f ms%n", labels[i], median);
            pairs.add(names[i]);
            pairs.add(fmt(median));
        }
        pairs.addAll(crashReport());
        result(kv(pairs.toArray()));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private FarmTrial.Outcome trial(
            final int workers, final List<TaskSpec> tasks, final MapSizing sizing, final boolean probeStartup) {
        return trial(workers, tasks, sizing, probeStartup, false);
    }

    private FarmTrial.Outcome trial(
            final int workers,
            final List<TaskSpec> tasks,
            final MapSizing sizing,
            final boolean probeStartup,
            final boolean probeCpu) {
        final FarmTrial.Outcome outcome = FarmTrial.run(scratch, workers, tasks, sizing, probeStartup, probeCpu);
        workerCrashes += outcome.workerCrashes();
        return outcome;
    }

    /**
     * Says when worker JVMs crashed during the benchmark (the farm finished every task anyway, or it would have
     * failed): the crashes cost time in the runs where they happened.
     */
    private List<Object> crashReport() {
        if (workerCrashes > 0) {
            final List<Path> files = FarmTrial.crashFiles(FarmTrial.crashDir(scratch));
            out.printf(
                    Locale.ROOT,
                    "  WARNING: %d worker JVM(s) died of a fatal error during this benchmark "
                            + "(runs still finished every task OK); first: %s%n",
                    workerCrashes,
                    files.isEmpty() ? "?" : FarmTrial.crashSummary(files.get(0)));
        }
        return List.of("worker_crashes", workerCrashes);
    }

    private void warmUp(final Runnable warmUp) {
        final long start = System.nanoTime();
        warmUp.run();
        out.printf(Locale.ROOT, "  warm-up done in %.1f ms (not counted)%n", ms(System.nanoTime() - start));
    }

    private void result(final String pairs) {
        out.println("RESULT " + pairs);
        out.flush();
    }

    static List<TaskSpec> noopTasks(final int n) {
        final byte[] payload = new PayloadWriter(8).putLong(42).toByteArray();
        final List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(new TaskSpec(key('n', i), NOOP, payload));
        }
        return tasks;
    }

    /**
     * The payload is SpinTaskHandler's ({@code iterations:long}), written here so the launcher needs no worker code.
     */
    static List<TaskSpec> spinTasks(final int n, final long iterations) {
        final byte[] payload = new PayloadWriter(8).putLong(iterations).toByteArray();
        final List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(new TaskSpec(key('s', i), SPIN, payload));
        }
        return tasks;
    }

    /**
     * @return the prefix and i zero-padded to 7 digits: {@link #KEY_LENGTH} characters below 10 million.
     */
    static String key(final char prefix, final int i) {
        final String digits = Integer.toString(i);
        final StringBuilder key = new StringBuilder(KEY_LENGTH).append(prefix);
        for (int pad = digits.length(); pad < KEY_LENGTH - 1; pad++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    static int lcm(final List<Integer> values) {
        long lcm = 1;
        for (final int v : values) {
            lcm = lcm / gcd(lcm, v) * v;
            if (lcm > 1_000_000) {
                throw new IllegalArgumentException("worker counts " + values + " have too large a common multiple");
            }
        }
        return (int) lcm;
    }

    private static long gcd(final long a, final long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double medianIgnoringNaN(final double[] values) {
        final double[] known =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        return known.length == 0 ? Double.NaN : BenchMath.median(known);
    }

    static String kv(final Object... pairs) {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(pairs[i]).append('=').append(pairs[i + 1]);
        }
        return line.toString();
    }

    private static String join(final List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static double ms(final double nanos) {
        return nanos / 1e6;
    }

    private static double us(final double nanos) {
        return nanos / 1e3;
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt3(final double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fmt0(final double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
