package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import forecastfarm.launcher.examples.ExampleBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Python client ({@code scripts/clients/python}, stdlib only) and its web-backend example against a real
 * {@code farm serve}: {@code check_client.py} runs the example app, hands it 30 stocks, and checks what comes back.
 */
@Tag("process")
class ServePythonClientIT extends ServeProcesses {
    private static final Path CLIENTS = ExampleBuild.REPO.resolve("scripts/clients/python");

    @Test
    void thePythonClientAndTheWebBackendExampleRunAJobOnTheFarm() throws Exception {
        assumeTrue(python() != null, "no python3 on this machine");
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server");
        awaitReady(farmDir, server, "server");

        final Process check = new ProcessBuilder(
                        python(),
                        "check_client.py",
                        farmDir.toString(),
                        ExampleBuild.REPO.resolve("scripts/sample/sp500_50.csv").toString())
                .directory(CLIENTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("check.out").toFile())
                .start();
        assertTrue(check.waitFor(180, TimeUnit.SECONDS), "check_client.py ended");
        final String output = Files.readString(tmp.resolve("check.out"));
        assertEquals(0, check.exitValue(), output);
        assertTrue(output.startsWith("ok: 30 stocks in job job-"), output);
    }

    private static String python() {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            final Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
