package forecastfarm.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.WorkerExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backstop: a worker JVM whose task jars are unusable exits at once, with its own code and one clear line. */
class WorkerMainTaskJarsTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerWithAMissingTaskJarExitsWithTheTaskJarCodeNamingTheJar() throws Exception {
        FarmDirectory farm = new FarmDirectory(dir).createDirectories();
        String jar = dir.resolve("gone.jar").toString();
        Files.writeString(farm.taskKindsFile(), "{\"task_jars\": [\"" + jar + "\"], \"settings\": {}}");
        Path stderr = dir.resolve("stderr.txt");
        Process worker = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerArgs.MAIN_CLASS,
                        WorkerArgs.FARM_DIR,
                        dir.toString(),
                        WorkerArgs.RUN,
                        "1",
                        WorkerArgs.SLOT,
                        "0",
                        WorkerArgs.GENERATION,
                        "1",
                        WorkerArgs.LAUNCHER_PID,
                        Long.toString(ProcessHandle.current().pid())))
                .redirectErrorStream(false)
                .redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker did not exit");
        assertEquals(WorkerExitCode.TASK_JARS, worker.exitValue());
        String text = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(text.contains("task jar") && text.contains(jar), text);
    }
}
