package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a model file: the interface read from it, and every refusal naming the file and what differs. */
class BoltSessionLoadTest {

    @TempDir
    Path dir;

    @Test
    void theTinyModelHasChronosBoltsInterface() {
        try (BoltSession session = BoltSession.open(TinyModels.tiny(), 1)) {
            assertEquals(new BoltInterface(64, 8, Integer.MAX_VALUE, true), session.shape());
            assertEquals(1, session.intraOpThreads());
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.onnx");
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> BoltSession.open(missing, 1));
        assertEquals("ONNX model " + missing + ": no such file", e.getMessage());
        OnnxLoadException viaCache = assertThrows(OnnxLoadException.class, () -> BoltSessions.open(missing, 1));
        assertEquals("ONNX model " + missing + ": no such file", viaCache.getMessage());
    }

    @Test
    void aCorruptFileIsNamedWithRuntimesReason() throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] half = Files.readAllBytes(TinyModels.tiny());
        Files.write(corrupt, java.util.Arrays.copyOf(half, half.length / 2));
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> BoltSession.open(corrupt, 1));
        assertTrue(
                e.getMessage().startsWith("ONNX model " + corrupt + ": ONNX Runtime cannot load it: "), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsNamed() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "not a model\n");
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> BoltSession.open(text, 1));
        assertTrue(e.getMessage().startsWith("ONNX model " + text + ": ONNX Runtime cannot load it"), e.getMessage());
    }

    @Test
    void anotherInputNameIsNamedWithTheInputsItHas() {
        Path file = TinyModels.wrongInputName();
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> BoltSession.open(file, 1));
        assertEquals(
                "ONNX model " + file + ": no input 'context' (Chronos-Bolt's interface); its inputs are [mask,"
                        + " past_target]",
                e.getMessage());
    }

    @Test
    void anotherNumberOfQuantilesIsNamedWithTheShape() {
        Path file = TinyModels.threeQuantiles();
        OnnxLoadException e = assertThrows(OnnxLoadException.class, () -> BoltSession.open(file, 1));
        assertEquals(
                "ONNX model " + file + ": output 'quantile_preds' has shape [dynamic, 3, 8]: 3 quantiles where"
                        + " Chronos-Bolt has 9 (0.1 to 0.9)",
                e.getMessage());
    }

    @Test
    void aFailedLoadIsNotCached() {
        int before = BoltSessions.size();
        assertThrows(OnnxLoadException.class, () -> BoltSessions.open(TinyModels.threeQuantiles(), 1));
        assertEquals(before, BoltSessions.size());
    }

    @Test
    void threadsBelowOneAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BoltSession.open(TinyModels.tiny(), 0));
        assertEquals("intra-op threads must be at least 1, got 0", e.getMessage());
        assertFalse(e instanceof OnnxLoadException, "not the file's fault");
    }
}
