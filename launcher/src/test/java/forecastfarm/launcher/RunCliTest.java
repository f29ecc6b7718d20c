package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** farm run's errors that need no worker: one line naming the option and what to do. */
class RunCliTest {
    @TempDir
    Path tmp;

    private int run(final ByteArrayOutputStream err, final String... args) {
        return FarmCli.execute(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingTaskJarOrInputIsNamed() throws Exception {
        final Path input = Files.writeString(tmp.resolve("tasks.jsonl"), "{\"key\": \"a\", \"args\": {}}\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.USAGE,
                run(err, "run", "--kind", "k", "--input", input.toString(), "--task-jar", "no/such.jar"));
        assertEquals(
                "error: --task-jar no/such.jar does not exist; build your task jar first or fix the path",
                err.toString(StandardCharsets.UTF_8).strip());
        final ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.INPUT,
                run(
                        missing,
                        "run",
                        "--kind",
                        "k",
                        "--input",
                        tmp.resolve("x.jsonl").toString()));
        assertTrue(missing.toString(StandardCharsets.UTF_8).contains("does not exist"));
    }

    @Test
    void settingsMustBeAJsonObjectGivenOrInAFile() throws Exception {
        assertEquals("{\"a\":1}", RunCommand.parseSettings("{\"a\": 1}").toString());
        final Path file = Files.writeString(tmp.resolve("s.json"), "{\"b\": [1]}");
        assertEquals("{\"b\":[1]}", RunCommand.parseSettings("@" + file).toString());
        assertEquals("{}", RunCommand.parseSettings(null).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunCommand.parseSettings("{a"))
                .getMessage()
                .startsWith("--settings is not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunCommand.parseSettings("[1]"))
                .getMessage()
                .startsWith("--settings is not a JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunCommand.parseSettings("@/no/file"))
                .getMessage()
                .startsWith("--settings file /no/file does not exist"));
    }
}
