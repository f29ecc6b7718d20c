package forecastfarm.launcher.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Builds the strategy-sweep example with its own {@code build} script, as a user does. */
public final class ExampleBuild {
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    public static final Path EXAMPLE = REPO.resolve("scripts/examples/strategy-sweep");

    private ExampleBuild() {}

    /**
     * Runs {@code scripts/examples/strategy-sweep/build} with this JVM's JDK (skips the test when it has no javac).
     *
     * @return the jar, the script's last stdout line.
     */
    public static Path strategySweepJar() throws Exception {
        final Path javaHome = Path.of(System.getProperty("java.home"));
        Assumptions.assumeTrue(
                Files.isExecutable(javaHome.resolve("bin/javac")), "no javac in " + javaHome + ": cannot build");
        final Path apiJar = REPO.resolve("shared/target/forecast-farm-shared-0.1.0-SNAPSHOT-task-api.jar");
        if (!Files.exists(apiJar)) {
            // The script would build the farm with Maven here, inside this Maven build: refuse instead.
            throw new IllegalStateException(
                    apiJar + " is missing: run the tests with 'mvn verify' so shared is packaged");
        }
        final ProcessBuilder builder = new ProcessBuilder(
                        EXAMPLE.resolve("build").toString())
                .directory(REPO.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        final Process build = builder.start();
        final String stdout = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(2, TimeUnit.MINUTES), "build did not finish in 2 minutes");
        assertEquals(0, build.exitValue(), "build failed; its stdout: " + stdout);
        final String[] lines = stdout.strip().split("\n");
        final Path jar = Path.of(lines[lines.length - 1]);
        assertTrue(jar.isAbsolute() && Files.isRegularFile(jar), "the last stdout line is not the jar: " + stdout);
        return jar;
    }
}
