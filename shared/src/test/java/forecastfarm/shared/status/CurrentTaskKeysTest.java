package forecastfarm.shared.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Current task keys written through one mapping of status.dat and read through another, as worker and inspector. */
class CurrentTaskKeysTest {
    @TempDir
    Path dir;

    @Test
    void aWorkersKeyIsReadBackFromItsSlotOnly() {
        final Path file = dir.resolve("status.dat");
        try (StatusFile launcher = StatusFile.create(file, 3, 1, 1, 1_000);
                StatusFile worker = StatusFile.open(file)) {
            assertNull(launcher.taskKeys().read(1), "nothing published yet");
            worker.taskKeys().publish(1, 7, "MMM");
            assertEquals(
                    new CurrentTaskKeys.CurrentTask(7, "MMM"),
                    launcher.taskKeys().read(1));
            worker.taskKeys().publish(1, 8, "séries Ω");
            assertEquals(
                    new CurrentTaskKeys.CurrentTask(8, "séries Ω"),
                    launcher.taskKeys().read(1));
            assertNull(launcher.taskKeys().read(0));
            assertNull(launcher.taskKeys().read(2));
        }
    }

    @Test
    void aLongKeyIsCutAtACharacterBoundary() {
        final Path file = dir.resolve("status.dat");
        try (StatusFile status = StatusFile.create(file, 1, 1, 1, 1_000)) {
            final String key = "é".repeat(CurrentTaskKeys.MAX_KEY_BYTES); // 2 bytes each
            status.taskKeys().publish(0, 1, key);
            final String read = status.taskKeys().read(0).key();
            assertEquals("é".repeat(CurrentTaskKeys.MAX_KEY_BYTES / 2) + "...", read);
        }
    }

    @Test
    void aReaderNeverSeesATornKey() throws Exception {
        final Path file = dir.resolve("status.dat");
        try (StatusFile launcher = StatusFile.create(file, 1, 1, 1, 1_000);
                StatusFile worker = StatusFile.open(file)) {
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread writer = new Thread(() -> {
                for (long task = 0; !stop.get(); task++) {
                    // the key says its task id, so a read mixing two writes shows
                    worker.taskKeys().publish(0, task, "series-" + task + "-" + "x".repeat((int) (task % 50)));
                }
            });
            writer.start();
            int read = 0;
            final long endNs = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < endNs) {
                final CurrentTaskKeys.CurrentTask task = launcher.taskKeys().read(0);
                if (task != null) {
                    assertEquals("series-" + task.taskId() + "-" + "x".repeat((int) (task.taskId() % 50)), task.key());
                    read++;
                }
            }
            stop.set(true);
            writer.join();
            assertTrue(read > 0);
        }
    }
}
