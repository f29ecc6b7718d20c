package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onnx:DIR}: a model directory whose {@code model.json} names its file and what it must be. */
class ModelDirectoryTest {

    @TempDir
    Path tmp;

    private Path directory(String descriptor) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bolt"));
        Files.copy(TinyModels.tiny(), dir.resolve("tiny.onnx"));
        if (descriptor != null) {
            Files.writeString(dir.resolve("model.json"), descriptor);
        }
        return dir;
    }

    private String refusal(String descriptor) throws IOException {
        Path dir = directory(descriptor);
        return assertThrows(OnnxLoadException.class, () -> OnnxModel.of(dir.toString(), 1))
                .getMessage();
    }

    @Test
    void aDirectoryForecastsAsItsFileDoes() throws IOException {
        Path dir = directory("{\"interface\": \"chronos-bolt\", \"file\": \"tiny.onnx\", \"context_length\": 64,"
                + " \"prediction_length\": 8}");
        double[] y = TinyModels.ramp(30);
        Forecast byDirectory = Models.forSpec(ModelSpec.parse("--model", "onnx:" + dir))
                .fit(y, 1)
                .forecast(4, new double[] {80});
        Forecast byFile =
                OnnxModel.of(TinyModels.tiny().toString(), 1).fit(y, 1).forecast(4, new double[] {80});
        assertArrayEquals(byFile.mean(), byDirectory.mean(), 0);
        assertArrayEquals(byFile.lower(0), byDirectory.lower(0), 0);
        assertEquals("Chronos-Bolt ONNX (tiny.onnx)", byDirectory.method());
    }

    @Test
    void aDescriptorThatDiffersFromTheModelIsRefusedNamingTheFieldAndBothValues() throws IOException {
        String message =
                refusal("{\"interface\": \"chronos-bolt\", \"file\": \"tiny.onnx\", \"prediction_length\": 64}");
        assertEquals(
                "ONNX model descriptor " + tmp.resolve("bolt").toRealPath().resolve("model.json")
                        + ": \"prediction_length\" is 64, but tiny.onnx forecasts 8 steps",
                message);
    }

    @Test
    void badDescriptorsAreRefusedNamingWhatIsWrong() throws IOException {
        assertEquals(
                "unknown field 'contex_length'; the fields are interface, file, context_length, prediction_length",
                after(refusal("{\"interface\": \"chronos-bolt\", \"file\": \"tiny.onnx\", \"contex_length\": 64}")));
        deleteDirectory();
        assertEquals(
                "\"interface\" must be \"chronos-bolt\" (the only one supported), got 'timesfm'",
                after(refusal("{\"interface\": \"timesfm\", \"file\": \"tiny.onnx\"}")));
        deleteDirectory();
        assertEquals(
                "\"context_length\" must be a whole number of at least 1, got 0",
                after(refusal("{\"interface\": \"chronos-bolt\", \"file\": \"tiny.onnx\", \"context_length\": 0}")));
        deleteDirectory();
        String missing = refusal(null);
        assertEquals(
                "ONNX model directory " + tmp.resolve("bolt").toRealPath() + ": no readable model.json (a directory"
                        + " needs one naming its .onnx file: {\"interface\": \"chronos-bolt\", \"file\":"
                        + " \"model.onnx\"})",
                missing);
        deleteDirectory();
        String noFile = refusal("{\"interface\": \"chronos-bolt\", \"file\": \"no-such.onnx\"}");
        assertEquals(
                "ONNX model " + tmp.resolve("bolt").toRealPath().resolve("no-such.onnx") + ": no such file", noFile);
    }

    private String after(String message) throws IOException {
        String prefix =
                "ONNX model descriptor " + tmp.resolve("bolt").toRealPath().resolve("model.json") + ": ";
        assertEquals(prefix, message.substring(0, Math.min(prefix.length(), message.length())), message);
        return message.substring(prefix.length());
    }

    private void deleteDirectory() throws IOException {
        Path dir = tmp.resolve("bolt");
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
