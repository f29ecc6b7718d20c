package forecastfarm.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.WorkerArgs;
import forecastfarm.worker.json.JsonReader;
import forecastfarm.worker.kinds.EchoPlugin;
import forecastfarm.worker.kinds.PluginJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskKindsMainTest {
    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInKindsWithNoJars() {
        PluginJars.Captured out = new PluginJars.Captured();
        PluginJars.Captured err = new PluginJars.Captured();
        assertEquals(0, TaskKindsMain.run(new String[0], out.stream, err.stream));
        assertEquals(
                Map.of("kinds", Map.of("forecast", "built-in", "cv", "built-in")),
                JsonReader.read(out.text().getBytes(StandardCharsets.UTF_8)));
        assertEquals("", err.text());
    }

    @Test
    void listsAJarsKindsByTheJarsAbsolutePath() throws Exception {
        Path jar = EchoPlugin.jar(dir, "echo", "echo");
        PluginJars.Captured out = new PluginJars.Captured();
        PluginJars.Captured err = new PluginJars.Captured();
        assertEquals(0, TaskKindsMain.run(new String[] {jar.toString()}, out.stream, err.stream), err.text());
        assertEquals(
                Map.of(
                        "kinds",
                        Map.of(
                                "forecast",
                                "built-in",
                                "cv",
                                "built-in",
                                "echo",
                                jar.toAbsolutePath().toString())),
                JsonReader.read(out.text().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLauncherRunsThisMainClass() {
        assertEquals(TaskKindsMain.class.getName(), WorkerArgs.TASK_KINDS_CLASS);
    }

    @Test
    void aMissingJarIsOneLineOnStderrAndExitTwo() {
        PluginJars.Captured out = new PluginJars.Captured();
        PluginJars.Captured err = new PluginJars.Captured();
        String jar = dir.resolve("nope.jar").toString();
        assertEquals(2, TaskKindsMain.run(new String[] {jar}, out.stream, err.stream));
        assertEquals("", out.text());
        List<String> lines = err.text().lines().toList();
        assertEquals(1, lines.size(), err.text());
        assertTrue(lines.get(0).contains(jar), lines.get(0));
    }
}
