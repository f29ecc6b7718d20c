package forecastfarm.launcher.inspect;

import forecastfarm.launcher.farm.JobRegistry;
import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.JobCounter;
import forecastfarm.shared.status.WorkerCounter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status view of {@code farm inspect} (and each frame of {@code --watch}): the farm dir and its job (input and
 * main options), the launcher, the task counts, the rate in series per second and an ETA, and per worker slot its
 * process, state, heartbeat, counts and the series id of the task it runs.
 */
final class StatusView {
    private StatusView() {}

    /**
     * Prints the snapshot as seen at {@code nowMs} (epoch ms).
     */
    static void print(final PrintStream out, final StatusSnapshot status, final long nowMs) {
        out.printf(Locale.ROOT, "farm %s%n", status.farmRoot());
        printJobs(out, status.jobs(), status.launcherAlive() ? status.progress() : null);
        out.printf(
                Locale.ROOT,
                "launcher pid %d: %s, %s, heartbeat %s ago, results map generation %d%n",
                status.launcherPid(),
                status.launcherAlive() ? "alive" : "not running",
                status.launcherState().name().toLowerCase(Locale.ROOT),
                age(nowMs, status.launcherHeartbeatMs()),
                status.resultsGeneration());
        out.printf(
                Locale.ROOT,
                "tasks %d: pending %d, running %d, done %d, failed %d, poisoned %d "
                        + "(resumed %d, retries %d, worker restarts %d)%n",
                total(status),
                status.count(FarmCounter.PENDING),
                status.count(FarmCounter.RUNNING),
                status.count(FarmCounter.DONE),
                status.count(FarmCounter.FAILED),
                status.count(FarmCounter.POISONED),
                status.count(FarmCounter.RESUMED),
                status.count(FarmCounter.RETRIES),
                status.count(FarmCounter.WORKER_RESTARTS));
        out.println(progress(status, nowMs));
        out.printf(
                Locale.ROOT,
                "%-6s %-8s %-5s %-9s %-10s %-10s %-8s %s%n",
                "slot",
                "pid",
                "gen",
                "state",
                "heartbeat",
                "tasks",
                "failed",
                "current series");
        for (final StatusSnapshot.WorkerRow worker : status.workers()) {
            out.printf(
                    Locale.ROOT,
                    "%-6d %-8d %-5d %-9s %-10s %-10d %-8d %s%n",
                    worker.slot(),
                    worker.pid(),
                    worker.generation(),
                    worker.state().name().toLowerCase(Locale.ROOT),
                    age(nowMs, worker.heartbeatMs()),
                    worker.tasksDone(),
                    worker.tasksFailed(),
                    current(worker, nowMs));
        }
    }

    /**
     * One line per job: {@code job ID (state, owner O[, counts]): name=value ...}; the jobs that ended long ago are
     * summed up in one line when there are many.
     *
     * @param progress the running jobs' live counts, or null when the launcher is gone: a job its file says is
     *                 running was then stopped with it (killed), and says so.
     */
    static void printJobs(
            final PrintStream out,
            final List<JobRegistry.Entry> jobs,
            final Map<String, Map<JobCounter, Long>> progress) {
        if (jobs.isEmpty()) {
            out.println("job: (not recorded yet)");
            return;
        }
        final int shownEnded = 5;
        int ended = 0;
        for (final JobRegistry.Entry job : jobs) {
            ended += job.running() ? 0 : 1;
        }
        int skipped = 0;
        for (final JobRegistry.Entry job : jobs) {
            if (!job.running() && ended-- > shownEnded) {
                skipped++;
                continue;
            }
            final Map<JobCounter, Long> live = job.running() && progress != null ? progress.get(job.id()) : null;
            final String state = job.running() && progress == null ? "stopped with its launcher" : job.state();
            out.println("job " + job.id() + " (" + state + ", owner " + job.owner()
                    + (live != null ? live(live) : counts(job)) + "): " + description(job));
        }
        if (skipped > 0) {
            out.println("(and " + skipped + " earlier jobs that ended)");
        }
    }

    private static String live(final Map<JobCounter, Long> counts) {
        final long tasks = Math.max(counts.get(JobCounter.EXPECTED), counts.get(JobCounter.SUBMITTED));
        final long finished =
                counts.get(JobCounter.DONE) + counts.get(JobCounter.FAILED) + counts.get(JobCounter.POISONED);
        return String.format(
                Locale.ROOT,
                ", %d/%d tasks: ok %d, failed %d, poisoned %d, running %d, resumed %d",
                finished,
                tasks,
                counts.get(JobCounter.DONE),
                counts.get(JobCounter.FAILED),
                counts.get(JobCounter.POISONED),
                counts.get(JobCounter.RUNNING),
                counts.get(JobCounter.RESUMED));
    }

    private static String counts(final JobRegistry.Entry job) {
        final Map<String, Long> counts = job.counts();
        if (counts.isEmpty()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                ", %d tasks: ok %d, failed %d, poisoned %d, resumed %d",
                counts.getOrDefault("tasks", 0L),
                counts.getOrDefault("ok", 0L),
                counts.getOrDefault("failed", 0L),
                counts.getOrDefault("poisoned", 0L),
                counts.getOrDefault("resumed", 0L));
    }

    /** The job's options as {@code name=value} pairs, or its fingerprint when it gave no description. */
    static String description(final JobRegistry.Entry job) {
        if (job.description().isEmpty()) {
            return job.fingerprint();
        }
        final StringBuilder text = new StringBuilder();
        job.description()
                .forEach((name, value) -> text.append(text.length() == 0 ? "" : " ")
                        .append(name)
                        .append('=')
                        .append(value));
        return text.toString();
    }

    /** The tasks of the run: those expected in all once counted, else those submitted so far. */
    private static long total(final StatusSnapshot status) {
        return Math.max(status.count(FarmCounter.TASKS_EXPECTED), status.count(FarmCounter.TASKS_TOTAL));
    }

    /**
     * The rate over this launcher run (series finished by it, not those resumed from an earlier one, per second
     * since it started; to its last heartbeat once it stopped) and the time left at that rate.
     */
    static String progress(final StatusSnapshot status, final long nowMs) {
        final long finished =
                status.count(FarmCounter.DONE) + status.count(FarmCounter.FAILED) + status.count(FarmCounter.POISONED);
        final long finishedThisRun = Math.max(0, finished - status.count(FarmCounter.RESUMED));
        final long endMs = status.running() ? nowMs : status.launcherHeartbeatMs();
        final long elapsedMs = Math.max(0, endMs - status.runStartMs());
        final long left = Math.max(0, total(status) - finished);
        if (finishedThisRun == 0 || elapsedMs == 0) {
            return String.format(Locale.ROOT, "rate -, ETA %s (%d series left)", left == 0 ? "0s" : "-", left);
        }
        final double perSecond = finishedThisRun * 1000.0 / elapsedMs;
        final String eta = left == 0
                ? "0s"
                : status.running() ? seconds((long) Math.ceil(left / perSecond * 1000)) : "- (launcher stopped)";
        return String.format(
                Locale.ROOT,
                "rate %s series/s (%d in %s), ETA %s (%d series left)",
                perSecond >= 100
                        ? String.format(Locale.ROOT, "%.0f", perSecond)
                        : String.format(Locale.ROOT, "%.2f", perSecond),
                finishedThisRun,
                seconds(elapsedMs),
                eta,
                left);
    }

    private static String current(final StatusSnapshot.WorkerRow worker, final long nowMs) {
        if (worker.taskId() == WorkerCounter.NO_TASK) {
            return "-";
        }
        final String what = worker.taskKey() != null ? worker.taskKey() : "task " + worker.taskId();
        return what + " for " + age(nowMs, worker.taskStartMs());
    }

    private static String age(final long nowMs, final long thenMs) {
        return thenMs <= 0 ? "-" : seconds(Math.max(0, nowMs - thenMs));
    }

    /** 0.4s, 12.5s, 3m05s, 2h03m. */
    static String seconds(final long millis) {
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        final long totalSeconds = millis / 1000;
        if (totalSeconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", totalSeconds / 60, totalSeconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", totalSeconds / 3600, totalSeconds % 3600 / 60);
    }
}
