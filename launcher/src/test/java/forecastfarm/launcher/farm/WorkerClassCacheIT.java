package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' class cache with the real worker jar: trained once, then reused; an archive the JVM cannot use (here,
 * garbage) only slows workers down, it never fails a run.
 */
@Tag("process")
class WorkerClassCacheIT {
    @TempDir
    Path tmp;

    @Test
    void trainedOnceReusedAndAnUnusableArchiveFailsNothing() throws Exception {
        final Path workerJar = Path.of("..", "worker", "target", "forecast-farm-worker.jar")
                .toAbsolutePath()
                .normalize();
        final FarmContext ctx = new FarmContext()
                .farmDir(tmp.resolve("farm"))
                .workers(1)
                .workerClasspath(workerJar.toString())
                .workerCacheDir(tmp.resolve("cache"));
        final Optional<Path> trained = WorkerClassCache.prepare(ctx);
        assertTrue(trained.isPresent() && Files.size(trained.get()) > 1_000_000, "no archive: " + trained);
        final long trainedAtMs = Files.getLastModifiedTime(trained.get()).toMillis();
        assertEquals(trained, WorkerClassCache.prepare(ctx));
        assertEquals(trainedAtMs, Files.getLastModifiedTime(trained.get()).toMillis(), "trained twice");

        assertEquals(3, runThreeTasks(ctx, "cached").ok());
        assertQuiet(ctx);

        Files.writeString(trained.get(), "not an archive", StandardCharsets.UTF_8);
        final FarmReport report = runThreeTasks(ctx, "unusable");
        assertEquals(3, report.ok(), "a worker with an unusable archive must still run its tasks");
        assertEquals(0, report.workerRestarts());
        assertQuiet(ctx);
    }

    private static FarmReport runThreeTasks(final FarmContext ctx, final String job) {
        final List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(new TaskSpec("t" + i, "noop", new byte[] {(byte) i}));
        }
        return Farm.run(ctx, tasks, JobSpec.named(job), MapSizing.forTasks(3, 2, 8), FarmListener.NONE, false);
    }

    /** Java 25 logged "[error][cds]" lines for a usable archive; neither archive is worth a word in a worker's log. */
    private static void assertQuiet(final FarmContext ctx) throws IOException {
        try (Stream<Path> logs = Files.list(ctx.farmDirectory().logsDir())) {
            for (final Path log : logs.toList()) {
                final String text = Files.readString(log, StandardCharsets.UTF_8);
                assertFalse(text.contains("[cds"), log + ":\n" + text);
            }
        }
    }
}
