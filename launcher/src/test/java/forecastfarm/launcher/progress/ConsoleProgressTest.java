package forecastfarm.launcher.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleProgressTest {
    @Test
    void thePlainLineNamesWhatTheJobCounts() {
        assertEquals(
                "progress: 5/20 tasks (25%), 0.5 tasks/s, ETA 0m30s; workers 2/2, restarts 0, retries 0",
                ConsoleProgress.line("tasks", 5, 20, 10.0, "workers 2/2, restarts 0, retries 0"));
        assertEquals(
                "progress: 3/4 series (75%), 1.5 series/s, ETA 0m00s; workers starting",
                ConsoleProgress.line("series", 3, 4, 2.0, "workers starting"));
    }

    @Test
    void noEtaBeforeTheFirstResultNorAfterTheLast() {
        assertEquals(
                "progress: 0/7 tasks (0%), 0.0 tasks/s; workers starting",
                ConsoleProgress.line("tasks", 0, 7, 3.0, "workers starting"));
        assertEquals(
                "progress: 7/7 tasks (100%), 3.5 tasks/s; workers starting",
                ConsoleProgress.line("tasks", 7, 7, 2.0, "workers starting"));
        assertEquals(
                "progress: 0/0 tasks (100%), 0.0 tasks/s; workers starting",
                ConsoleProgress.line("tasks", 0, 0, 2.0, "workers starting"));
    }

    @Test
    void offATerminalItPrintsPlainLinesOfTheFinishedCountUntilClosed(@TempDir final Path dir) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final AtomicLong finished = new AtomicLong(2);
        try (ConsoleProgress progress = ConsoleProgress.start(
                new FarmDirectory(dir), console, "score", "tasks", 9, finished::get, false, Duration.ofMillis(20))) {
            final long deadlineNs = System.nanoTime() + 5_000_000_000L;
            while (!bytes.toString(StandardCharsets.UTF_8).contains("progress: 2/9 tasks (22%)")
                    && System.nanoTime() < deadlineNs) {
                Thread.sleep(10);
            }
        }
        final String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("progress: 2/9 tasks (22%)"), printed);
        assertTrue(printed.contains("; workers starting"), printed);
        final int linesAtClose = printed.split("\n").length;
        Thread.sleep(100);
        assertEquals(linesAtClose, bytes.toString(StandardCharsets.UTF_8).split("\n").length, "no line after close");
    }
}
