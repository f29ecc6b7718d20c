package forecastfarm.launcher.bench;

import forecastfarm.launcher.api.TaskFarm;
import forecastfarm.launcher.api.TaskJob;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.TaskSpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks of a farm of many jobs, on one real farm (real worker JVMs):
 * <ul>
 * <li>{@code fair-share}: a small job opened while a big one runs, against the same small job on the idle farm;</li>
 * <li>{@code job-memory}: many jobs one after the other, the launcher's heap after GC at the end against after the
 *     first job.</li>
 * </ul>
 */
final class JobsBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final PrintStream out;
    private final Path scratch;

    JobsBench(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    /**
     * Times a {@code --small}-task job on the idle farm, then while a {@code --big}-task job of another owner (and,
     * second, of the same owner) runs; spin tasks of {@code --task-ms}. The big job is cancelled once measured.
     */
    void fairShare(final BenchArgs args) throws InterruptedException {
        final int taskMs = args.intValue("task-ms", 10, 1);
        final int small = args.intValue("small", 20, 1);
        final int big = args.intValue("big", 20_000, 1);
        final int workers = args.intValue("workers", 2, 1);
        final int reps = args.intValue("reps", 5, 1);
        final long iterations = Math.max(1, Math.round(taskMs * 1e6 / SpinCalibration.nsPerIteration()));
        out.printf(
                Locale.ROOT,
                "fair-share: a %d-task job alone, then opened while a %d-task job runs; spin tasks of ~%d ms,"
                        + " %d workers, %d reps%n",
                small,
                big,
                taskMs,
                workers,
                reps);
        final List<TaskSpec> smallTasks = FarmBenchmark.spinTasks(small, iterations);
        final FarmContext ctx =
                new FarmContext().farmDir(scratch.resolve("fair-share")).workers(workers);
        final double[] idle = new double[reps];
        final double[] otherOwner = new double[reps];
        final double[] sameOwner = new double[reps];
        try (TaskFarm farm = TaskFarm.builder(ctx).start()) {
            timeJob(farm, JobSpec.named("warm-up"), FarmBenchmark.spinTasks(10 * workers * small, iterations));
            for (int r = 0; r < reps; r++) {
                idle[r] = timeJob(farm, JobSpec.named("idle-" + r).withOwner("small"), smallTasks);
            }
            final BigJob running = BigJob.start(farm, JobSpec.named("big").withOwner("big"), big, iterations);
            running.awaitResults(10L * workers);
            for (int r = 0; r < reps; r++) {
                otherOwner[r] = timeJob(farm, JobSpec.named("other-" + r).withOwner("small"), smallTasks);
                sameOwner[r] = timeJob(farm, JobSpec.named("same-" + r).withOwner("big"), smallTasks);
            }
            final long bigDone = running.stop();
            out.printf(Locale.ROOT, "the big job had finished %d of %d tasks when it was cancelled%n", bigDone, big);
        }
        final double idleMs = BenchMath.median(idle);
        final double otherMs = BenchMath.median(otherOwner);
        final double sameMs = BenchMath.median(sameOwner);
        out.printf(Locale.ROOT, "small job on the idle farm:               median %8.1f ms%n", idleMs);
        out.printf(
                Locale.ROOT,
                "small job of another owner beside the big: median %8.1f ms (%.2fx idle)%n",
                otherMs,
                otherMs / idleMs);
        out.printf(
                Locale.ROOT,
                "small job of the big job's owner:          median %8.1f ms (%.2fx idle)%n",
                sameMs,
                sameMs / idleMs);
        out.printf(
                Locale.ROOT,
                "RESULT bench=fair-share small=%d big=%d task_ms=%d workers=%d idle_ms=%.1f other_owner_ms=%.1f"
                        + " same_owner_ms=%.1f other_owner_ratio=%.2f same_owner_ratio=%.2f target_ratio=2.00%n",
                small,
                big,
                taskMs,
                workers,
                idleMs,
                otherMs,
                sameMs,
                otherMs / idleMs,
                sameMs / idleMs);
    }

    /**
     * Runs {@code --jobs} jobs of {@code --tasks} noop tasks one after the other on one farm; the heap after GC
     * after the first job and at the end.
     */
    void jobMemory(final BenchArgs args) throws InterruptedException {
        final int jobs = args.intValue("jobs", 200, 2);
        final int tasks = args.intValue("tasks", 1_000, 1);
        final int workers = args.intValue("workers", 2, 1);
        out.printf(
                Locale.ROOT,
                "job-memory: %d jobs of %d noop tasks, one after the other, %d workers%n",
                jobs,
                tasks,
                workers);
        final List<TaskSpec> taskList = FarmBenchmark.noopTasks(tasks);
        final FarmContext ctx =
                new FarmContext().farmDir(scratch.resolve("job-memory")).workers(workers);
        long afterFirst = 0;
        long atEnd;
        final long startNs = System.nanoTime();
        try (TaskFarm farm = TaskFarm.builder(ctx).start()) {
            for (int j = 0; j < jobs; j++) {
                final FarmReport report = run(farm, JobSpec.named("job-" + j), taskList);
                if (report.ok() != tasks) {
                    throw new IllegalStateException("job " + j + " finished " + report.ok() + " of " + tasks);
                }
                if (j == 0) {
                    afterFirst = heapAfterGc();
                }
                if ((j + 1) % 50 == 0) {
                    out.printf(Locale.ROOT, "  %d jobs: heap after GC %.2f MB%n", j + 1, heapAfterGc() / 1e6);
                }
            }
            atEnd = heapAfterGc();
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final double growthMb = (atEnd - afterFirst) / 1e6;
        out.printf(
                Locale.ROOT,
                "heap after GC: %.2f MB after the first job, %.2f MB after job %d: %+.2f MB (target: within 5 MB);"
                        + " %d tasks in %.1f s%n",
                afterFirst / 1e6,
                atEnd / 1e6,
                jobs,
                growthMb,
                (long) jobs * tasks,
                seconds);
        out.printf(
                Locale.ROOT,
                "RESULT bench=job-memory jobs=%d tasks=%d heap_first_mb=%.2f heap_end_mb=%.2f growth_mb=%.2f"
                        + " target_mb=5.00%n",
                jobs,
                tasks,
                afterFirst / 1e6,
                atEnd / 1e6,
                growthMb);
    }

    /** @return the job's wall time, from opening it to its last result delivered, in ms. */
    private static double timeJob(final TaskFarm farm, final JobSpec spec, final List<TaskSpec> tasks)
            throws InterruptedException {
        final long startNs = System.nanoTime();
        final FarmReport report = run(farm, spec, tasks);
        final double ms = (System.nanoTime() - startNs) / 1e6;
        if (report.ok() != tasks.size()) {
            throw new IllegalStateException(spec.id() + " finished " + report.ok() + " of " + tasks.size());
        }
        return ms;
    }

    private static FarmReport run(final TaskFarm farm, final JobSpec spec, final List<TaskSpec> tasks)
            throws InterruptedException {
        final TaskJob job = farm.job(spec)
                .expectedTasks(tasks.size(), 8)
                .meanResultBytes(64)
                .open();
        for (final TaskSpec task : tasks) {
            job.submit(task.key(), task.kind(), task.payload());
        }
        return job.finish();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** A big job fed by its own thread, so that small jobs can be opened beside it. */
    private static final class BigJob {
        private final TaskJob job;
        private final Thread feeder;
        private final AtomicLong done = new AtomicLong();

        private BigJob(final TaskFarm farm, final JobSpec spec, final int tasks, final long iterations) {
            this.job = farm.job(spec)
                    .expectedTasks(tasks, 8)
                    .meanResultBytes(64)
                    .onResult(outcome -> done.incrementAndGet())
                    .open();
            final List<TaskSpec> list = FarmBenchmark.spinTasks(tasks, iterations);
            this.feeder = new Thread(
                    () -> {
                        try {
                            for (final TaskSpec task : list) {
                                if (!job.submit(task.key(), task.kind(), task.payload())) {
                                    return;
                                }
                            }
                        } catch (final InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "big-job-feeder");
        }

        static BigJob start(final TaskFarm farm, final JobSpec spec, final int tasks, final long iterations) {
            final BigJob big = new BigJob(farm, spec, tasks, iterations);
            big.feeder.start();
            return big;
        }

        void awaitResults(final long count) throws InterruptedException {
            while (done.get() < count) {
                Thread.sleep(5);
            }
        }

        /** @return how many of its tasks had finished. */
        long stop() throws InterruptedException {
            job.cancel("benchmark over");
            feeder.join();
            job.finish();
            return done.get();
        }
    }
}
