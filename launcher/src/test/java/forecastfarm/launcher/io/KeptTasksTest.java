package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptTasksTest {
    private static final Map<String, String> EARLIER =
            Map.of("a", "OK", "b", "FAILED", "c", "POISONED", "d", "NOT_RUN", "e", "INVALID");

    @Test
    void resumeKeepsEveryFinishedTaskAndRetryFailedOnlyTheOkOnes() {
        assertEquals(Map.of("a", "OK", "b", "FAILED", "c", "POISONED"), KeptTasks.select(EARLIER, true, false));
        assertEquals(Map.of("a", "OK"), KeptTasks.select(EARLIER, false, true));
        assertEquals(Map.of(), KeptTasks.select(EARLIER, false, false));
    }
}
