package forecastfarm.worker.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskKindsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheJarsAndSettingsOrNothingWhenAbsent() throws Exception {
        assertEquals(TaskKindsFile.none(), TaskKindsFile.read(dir.resolve("task-kinds.json")));
        Path file = Files.writeString(
                dir.resolve("task-kinds.json"), "{\"task_jars\": [\"/a.jar\", \"/b.jar\"], \"settings\": {\"n\": 3}}");
        TaskKindsFile read = TaskKindsFile.read(file);
        assertEquals(List.of(Path.of("/a.jar"), Path.of("/b.jar")), read.taskJars());
        assertEquals(3, read.settings().integer("n"));
    }

    @Test
    void aBrokenFileIsAProblemNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("task-kinds.json"), "{\"task_jars\": [1]}");
        TaskJarProblem problem = assertThrows(TaskJarProblem.class, () -> TaskKindsFile.read(file));
        assertTrue(problem.getMessage().contains(file.toString()), problem.getMessage());
    }
}
