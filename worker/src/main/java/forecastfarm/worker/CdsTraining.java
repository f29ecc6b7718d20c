package forecastfarm.worker;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskProxy;
import forecastfarm.worker.agent.Worker;
import forecastfarm.worker.agent.WorkerContext;
import forecastfarm.worker.forecast.Models;
import forecastfarm.worker.tasks.JsonForecastKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;

/**
 * Runs one worker through a whole life (status file, queues, a forecast task, stop) in a scratch farm dir, so that
 * {@code -XX:ArchiveClassesAtExit} records the classes a worker loads. The launcher's worker class cache runs it when
 * the cache for the worker's Java, flags and classpath is missing, and starts workers with the archive
 * ({@code -XX:SharedArchiveFile}): class data sharing roughly halves a worker's start-up, most of which is Chronicle's
 * class loading.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(final String[] args) throws IOException {
        final Path scratch = Files.createTempDirectory("forecast-farm-cds");
        try {
            final FarmDirectory farm = new FarmDirectory(scratch).createDirectories();
            final long pid = ProcessHandle.current().pid();
            try (StatusFile status = StatusFile.create(farm.statusFile(), 1, pid, 1, System.currentTimeMillis());
                    ChronicleQueue tasks = FarmQueues.open(farm.taskQueue(1, 0, 1))) {
                final TaskProxy proxy = new TaskProxy(tasks.createAppender());
                final double[] y = new double[48];
                for (int i = 0; i < y.length; i++) {
                    y[i] = 100 + 10 * Math.sin(i * Math.PI / 6) + i;
                }
                // Every model that needs no argument (onnx needs a file), so their classes are in the archive too.
                final List<String> models = Models.names().stream()
                        .filter(name ->
                                !ModelCatalog.MODELS.find(name).orElseThrow().argumentRequired())
                        .toList();
                final ForecastRequest request =
                        new ForecastRequest(y, 12, 12, new ArrayList<>(models), new double[] {80, 95});
                proxy.onTask(new Task(0, 1, "training", ForecastRequest.KIND, "training", request.encode()));
                // A farm run task too, so the JSON reading and rendering classes are in the archive.
                final String json = "{\"y\": " + Arrays.toString(y) + ", \"horizon\": 6, \"season_length\": 12}";
                proxy.onTask(new Task(
                        1,
                        1,
                        "training",
                        WorkerArgs.JSON_KIND_PREFIX + JsonForecastKind.NAME,
                        "training-json",
                        json.getBytes(StandardCharsets.UTF_8)));
                proxy.onStop();
                status.workerCounter(0, WorkerCounter.QUEUES_GENERATION).setRelease(1);
                final WorkerContext ctx = new WorkerContext()
                        .farmDir(scratch)
                        .runId(1)
                        .slot(0)
                        .generation(1)
                        .launcherPid(pid)
                        .conclude();
                try (Worker worker = Worker.launch(ctx)) {
                    worker.run();
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }
}
