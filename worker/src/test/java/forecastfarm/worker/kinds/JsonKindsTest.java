package forecastfarm.worker.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.api.Args;
import forecastfarm.worker.json.JsonReader;
import forecastfarm.worker.tasks.BuiltInTasks;
import forecastfarm.worker.tasks.TaskHandler;
import forecastfarm.worker.tasks.TaskKinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonKindsTest {
    @TempDir
    Path dir;

    @Test
    void aPluginRunsThroughTheJsonHostWithItsOwnLibrariesAndSeesNoneOfOurs() throws Exception {
        Path jar = EchoPlugin.jar(dir, "echo", "echo");
        JsonKinds kinds = JsonKinds.load(BuiltInTasks.jsonKinds(), List.of(jar));
        assertEquals(
                Map.of(
                        "forecast",
                        JsonKinds.BUILT_IN,
                        "cv",
                        JsonKinds.BUILT_IN,
                        "echo",
                        jar.toAbsolutePath().toString()),
                kinds.sources());

        System.clearProperty("acme.echo.closed");
        try (TaskKinds taskKinds = TaskKinds.discover(kinds, Args.of(Map.of("greeting", "hi")))) {
            TaskHandler echo = taskKinds.handler("json:echo");
            Map<?, ?> first = run(echo, "a", "{\"x\": 21}");
            assertEquals("hi a", first.get("greeting"), "settings reach open");
            assertEquals(42.0, first.get("twice"));
            assertEquals("the plugin's own", first.get("factory"), "the jar's class, not our Jackson's");
            assertEquals(false, first.get("sees_worker"));
            assertEquals(false, first.get("sees_chronicle"));
            assertEquals(Map.of("x", 1L, "y", 2.5), first.get("point"), "a record is an object of its components");

            Map<?, ?> second = run(echo, "b", "{\"x\": 1}");
            assertEquals(first.get("opens"), second.get("opens"), "one session for every task");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> run(echo, "c", "{}"));
            assertTrue(bad.getMessage().contains("'x'"), bad.getMessage());
            assertEquals(null, System.getProperty("acme.echo.closed"));
        }
        assertEquals("hi", System.getProperty("acme.echo.closed"), "the session is closed with the kinds");
    }

    @Test
    void twoJarsOfferingOneKindAreRefusedNamingBoth() throws Exception {
        Path first = EchoPlugin.jar(dir, "first", "echo");
        Path second = EchoPlugin.jar(dir, "second", "echo");
        TaskJarProblem problem = assertThrows(
                TaskJarProblem.class, () -> JsonKinds.load(BuiltInTasks.jsonKinds(), List.of(first, second)));
        assertTrue(problem.getMessage().contains("'echo'"), problem.getMessage());
        assertTrue(problem.getMessage().contains(first.toAbsolutePath().toString()), problem.getMessage());
        assertTrue(problem.getMessage().contains(second.toAbsolutePath().toString()), problem.getMessage());
    }

    @Test
    void aJarOfferingABuiltInNameIsRefused() throws Exception {
        Path jar = EchoPlugin.jar(dir, "clash", "forecast");
        TaskJarProblem problem =
                assertThrows(TaskJarProblem.class, () -> JsonKinds.load(BuiltInTasks.jsonKinds(), List.of(jar)));
        assertTrue(problem.getMessage().contains("built-in"), problem.getMessage());
        assertTrue(problem.getMessage().contains(jar.toAbsolutePath().toString()), problem.getMessage());
    }

    @Test
    void aJarWithNoKindABadNameOrNoFileIsRefusedNamingTheJar() throws Exception {
        Path none = PluginJars.build(dir, "none", EchoPlugin.sources("echo"), List.of());
        Path badName = EchoPlugin.jar(dir, "badname", "Echo Kind");
        Path missing = dir.resolve("missing.jar");
        Path notAJar = Files.writeString(dir.resolve("text.jar"), "not a zip");
        for (Path jar : List.of(none, badName, missing, notAJar)) {
            TaskJarProblem problem =
                    assertThrows(TaskJarProblem.class, () -> JsonKinds.load(BuiltInTasks.jsonKinds(), List.of(jar)));
            assertTrue(problem.getMessage().contains(jar.toString()), problem.getMessage());
        }
    }

    @Test
    void onlyTheApiPackageIsTakenFromTheWorker() {
        assertTrue(ApiOnlyClassLoader.isApiClass("forecastfarm.api.Args"));
        assertFalse(ApiOnlyClassLoader.isApiClass("forecastfarm.api.x.Y"));
        assertFalse(ApiOnlyClassLoader.isApiClass("forecastfarm.apix.Y"));
        assertFalse(ApiOnlyClassLoader.isApiClass("forecastfarm.shared.WorkerArgs"));
    }

    private static Map<?, ?> run(TaskHandler handler, String key, String json) throws Exception {
        byte[] out = handler.handle(key, json.getBytes(StandardCharsets.UTF_8));
        return (Map<?, ?>) JsonReader.read(out);
    }
}
