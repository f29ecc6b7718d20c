package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One session per model file (canonical path) and thread count, opened once and reused. */
class BoltSessionsTest {

    @TempDir
    Path dir;

    @Test
    void oneFileUnderTwoSpellingsAndALinkIsOneSession() throws IOException {
        Path tiny = TinyModels.tiny();
        Path dotted = tiny.getParent()
                .resolve("..")
                .resolve(tiny.getParent().getFileName())
                .resolve(tiny.getFileName());
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), tiny);
        BoltSession first = BoltSessions.open(tiny, 1);
        assertSame(first, BoltSessions.open(dotted, 1));
        assertSame(first, BoltSessions.open(link, 1));
        assertEquals(tiny.toRealPath(), first.file());
    }

    @Test
    void anotherThreadCountIsAnotherSession() {
        BoltSession one = BoltSessions.open(TinyModels.tiny(), 1);
        BoltSession two = BoltSessions.open(TinyModels.tiny(), 2);
        assertNotSame(one, two);
        assertEquals(2, two.intraOpThreads());
        assertSame(two, BoltSessions.open(TinyModels.tiny(), 2));
    }

    @Test
    void aCopyOfTheFileIsAnotherSession() throws IOException {
        Path copy = Files.copy(TinyModels.tiny(), dir.resolve("copy.onnx"));
        BoltSession original = BoltSessions.open(TinyModels.tiny(), 1);
        int before = BoltSessions.size();
        BoltSession session = BoltSessions.open(copy, 1);
        assertNotSame(original, session);
        assertEquals(copy.toRealPath(), session.file());
        assertEquals(before + 1, BoltSessions.size());
    }

    @Test
    void aMissingRelativePathSaysWhereItWasLookedFor() {
        OnnxLoadException missing =
                assertThrows(OnnxLoadException.class, () -> BoltSessions.open(Path.of("models/none.onnx"), 1));
        assertEquals(
                "ONNX model models/none.onnx: no such file (a relative path is read from the worker's directory, "
                        + Path.of("").toAbsolutePath() + "; give an absolute path)",
                missing.getMessage());
    }
}
