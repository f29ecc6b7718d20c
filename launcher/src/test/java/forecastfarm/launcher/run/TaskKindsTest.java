package forecastfarm.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskKindsTest {
    @Test
    void theWorkersListingIsReadAndAnUnknownKindListsTheKnownOnes() {
        final Map<String, String> kinds = TaskKinds.answer(
                0, "{\"kinds\": {\"forecast\": \"built-in\", \"score\": \"/jars/score.jar\"}}\n", "", "cp");
        assertEquals(Map.of("forecast", "built-in", "score", "/jars/score.jar"), kinds);
        TaskKinds.require("score", kinds);
        final IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> TaskKinds.require("scor", kinds));
        assertEquals(
                "unknown --kind scor: the workers know forecast (built-in), score (/jars/score.jar); name one of"
                        + " them, or add the jar that offers it with --task-jar",
                unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskKinds.require(null, kinds))
                .getMessage()
                .startsWith("--kind is missing"));
    }

    @Test
    void aJarProblemIsAUsageErrorAndAnyOtherFailureSaysTheWorkersCannotBeUsed() {
        final IllegalArgumentException jar = assertThrows(
                IllegalArgumentException.class,
                () -> TaskKinds.answer(2, "", "/a.jar and /b.jar both offer kind score\n", "cp"));
        assertEquals("--task-jar: /a.jar and /b.jar both offer kind score", jar.getMessage());
        final WorkersUnusable crash = assertThrows(
                WorkersUnusable.class,
                () -> TaskKinds.answer(1, "", "Error: Could not find or load main class x\nCaused by: y", "w.jar"));
        assertTrue(crash.getMessage().contains("exited 1: Error: Could not find or load main class x"));
        assertThrows(WorkersUnusable.class, () -> TaskKinds.answer(0, "hello", "", "cp"));
    }
}
