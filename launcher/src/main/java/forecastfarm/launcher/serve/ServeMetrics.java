package forecastfarm.launcher.serve;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.StatusFile;
import java.util.Map;

/** Prometheus text: tasks by state and workers from the status file, jobs by state from the book. */
final class ServeMetrics {
    private ServeMetrics() {}

    static String render(final JobBook book, final FarmDirectory farm) {
        final StringBuilder text = new StringBuilder();
        try (StatusFile status = StatusFile.open(farm.statusFile())) {
            text.append("# HELP farm_tasks Tasks of this server run by state.\n# TYPE farm_tasks gauge\n");
            for (final FarmCounter counter : new FarmCounter[] {
                FarmCounter.PENDING, FarmCounter.RUNNING, FarmCounter.DONE, FarmCounter.FAILED, FarmCounter.POISONED
            }) {
                text.append("farm_tasks{state=\"")
                        .append(counter.name().toLowerCase(java.util.Locale.ROOT))
                        .append("\"} ")
                        .append(status.farmValue(counter))
                        .append('\n');
            }
            text.append("# TYPE farm_workers_alive gauge\nfarm_workers_alive ")
                    .append(status.farmValue(FarmCounter.WORKERS_ALIVE))
                    .append("\n# TYPE farm_worker_restarts_total counter\nfarm_worker_restarts_total ")
                    .append(status.farmValue(FarmCounter.WORKER_RESTARTS))
                    .append('\n');
        }
        final Map<String, Long> byState = new java.util.TreeMap<>();
        double endedSeconds = 0;
        long ended = 0;
        for (final ServedJob job : book.all()) {
            byState.merge(job.state(), 1L, Long::sum);
            if (job.isEnded()) {
                ended++;
                endedSeconds += (job.endedMs() - job.createdMs()) / 1e3;
            }
        }
        text.append("# HELP farm_server_heap_bytes The server JVM's heap in use (after its last GC or not).\n")
                .append("# TYPE farm_server_heap_bytes gauge\nfarm_server_heap_bytes ")
                .append(java.lang.management.ManagementFactory.getMemoryMXBean()
                        .getHeapMemoryUsage()
                        .getUsed())
                .append('\n');
        text.append("# HELP farm_jobs Jobs kept by the server by state.\n# TYPE farm_jobs gauge\n");
        byState.forEach((state, count) -> text.append("farm_jobs{state=\"")
                .append(state)
                .append("\"} ")
                .append(count)
                .append('\n'));
        text.append("# HELP farm_job_seconds Time from accepted to ended of the jobs kept.\n")
                .append("# TYPE farm_job_seconds summary\nfarm_job_seconds_sum ")
                .append(endedSeconds)
                .append("\nfarm_job_seconds_count ")
                .append(ended)
                .append('\n');
        return text.toString();
    }
}
