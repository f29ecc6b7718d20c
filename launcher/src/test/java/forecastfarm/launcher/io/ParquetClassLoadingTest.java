package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.parquet.ParquetFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a CSV loads no Parquet or Hadoop class (start-up stays as it was); reading a Parquet file does, which
 * shows the check can see them. Each read runs in a fresh JVM that logs every class it loads.
 */
class ParquetClassLoadingTest {
    @TempDir
    Path dir;

    /** Detects the format of args[0] and reads it, as farm forecast does. */
    public static void main(String[] args) {
        Path input = Path.of(args[0]);
        int[] series = {0};
        InputFormat.detect(input, null, null, null)
                .readerFor(input, null, null, null, TimeSettings.DEFAULT, RecentDs.DEFAULT)
                .read(input, s -> series[0]++, p -> {});
        System.out.println(series[0] + " series");
    }

    private List<String> loadedClasses(Path input) throws Exception {
        Path log = dir.resolve(input.getFileName() + ".classes");
        // the farm's JVM flags, as scripts/farm gives them (on Java 23+ they allow aircompressor's sun.misc.Unsafe
        // use without the JDK's warning)
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(forecastfarm.shared.JvmFlags.forCurrentJvm());
        command.addAll(List.of(
                "-Xshare:off",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                ParquetClassLoadingTest.class.getName(),
                input.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("1 series", output.strip());
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("org.apache.parquet")
                        || l.contains("org.apache.hadoop")
                        || l.contains("forecastfarm.launcher.io.parquet"))
                .toList();
    }

    @Test
    void aCsvLoadsNoParquetClassAndAParquetFileDoes() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "unique_id,ds,y\na,1,1\na,2,2\n");
        assertEquals(List.of(), loadedClasses(csv));
        Path parquet = ParquetFixtures.write(
                dir.resolve("in.parquet"),
                List.of(ParquetFixtures.string("unique_id"), ParquetFixtures.int64("ds"), ParquetFixtures.float64("y")),
                List.<Object[]>of(new Object[] {"a", 1L, 1.0}, new Object[] {"a", 2L, 2.0}));
        assertFalse(loadedClasses(parquet).isEmpty());
    }
}
