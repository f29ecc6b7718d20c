package forecastfarm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
    private final String before = System.getProperty(WorkerThreads.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(WorkerThreads.PROPERTY);
        } else {
            System.setProperty(WorkerThreads.PROPERTY, before);
        }
    }

    @Test
    void oneOutsideTheFarmElseWhatTheLauncherSet() {
        System.clearProperty(WorkerThreads.PROPERTY);
        assertEquals(1, WorkerThreads.available());
        System.setProperty(WorkerThreads.PROPERTY, "3");
        assertEquals(3, WorkerThreads.available());
    }

    @Test
    void aBadValueIsRefusedNamingTheProperty() {
        for (final String bad : new String[] {"0", "-2", "two", ""}) {
            System.setProperty(WorkerThreads.PROPERTY, bad);
            final IllegalStateException ex = assertThrows(IllegalStateException.class, WorkerThreads::available);
            assertEquals(
                    "forecastfarm.worker.threads must be a whole number of at least 1, got '" + bad + "'",
                    ex.getMessage());
        }
    }
}
