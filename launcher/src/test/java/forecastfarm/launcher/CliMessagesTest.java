package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What {@code scripts/farm} says about bad options: one line naming the problem and where the help is, never the
 * whole usage; an unknown option before a missing required one.
 */
class CliMessagesTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(final String expected, final String... args) {
        final Run run = run(args);
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(expected + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBatchSizeThatIsNotAutoOrAWholeNumberIsRefusedNamingTheOption() {
        final String input =
                java.nio.file.Path.of("..", "scripts", "sample", "sp500_50.csv").toString();
        for (final String bad : new String[] {"0", "lots"}) {
            assertOneLine(
                    "error: --batch-size '" + bad + "': series per task must be auto or a whole number of at least 1",
                    "forecast",
                    "--input",
                    input,
                    "--horizon",
                    "3",
                    "--batch-size",
                    bad);
        }
        assertOneLine(
                "error: --batch-size 4: farm cv runs one series per task (each cross-validates its series over its"
                        + " windows)",
                "cv",
                "--input",
                input,
                "--horizon",
                "3",
                "--windows",
                "2",
                "--batch-size",
                "4");
    }

    @Test
    void anUnknownOptionIsNamedWithASuggestionBeforeAMissingRequiredOne() {
        assertOneLine(
                "error: unknown option '--horizn'; did you mean '--horizon'? (see 'farm forecast --help')",
                "forecast",
                "--horizn",
                "20",
                "--input",
                "in.csv");
        assertOneLine(
                "error: unknown option '--horizn'; did you mean '--horizon'? (see 'farm forecast --help')",
                "forecast",
                "--horizn=20");
    }

    @Test
    void everySubcommandAnswersInOneLine() {
        assertOneLine(
                "error: Missing required option: '--horizon=<horizon>' (see 'farm forecast --help')",
                "forecast",
                "--input",
                "in.csv");
        assertOneLine(
                "error: unknown option '--idd'; did you mean '--id'? (see 'farm inspect --help')",
                "inspect",
                "--idd",
                "X");
        assertOneLine(
                "error: unknown option '--shard'; did you mean '--shards'? (see 'farm merge --help')",
                "merge",
                "--shard",
                "3",
                "dir");
        assertOneLine("error: Missing required parameter: 'DIR' (see 'farm merge --help')", "merge");
        assertOneLine("error: unknown command 'forcast'; did you mean 'forecast'? (see 'farm --help')", "forcast");
        assertOneLine(
                "error: unexpected argument 'extra' (see 'farm forecast --help')",
                "forecast",
                "--input",
                "in.csv",
                "--horizon",
                "2",
                "extra");
    }

    @Test
    void bareFarmAndItsHelpListEveryCommand() {
        final String[] commands = {
            "forecast",
            "cv",
            "run",
            "serve",
            "token",
            "submit",
            "jobs",
            "status",
            "results",
            "cancel",
            "inspect",
            "merge"
        };
        for (final Run run : new Run[] {run(), run("--help")}) {
            for (final String command : commands) {
                assertTrue(
                        run.out().contains(System.lineSeparator() + "  " + command + " "),
                        command + " in " + run.out());
            }
        }
        assertEquals(ExitCodes.USAGE, run().exitCode());
    }

    @Test
    void forecastHelpPrintsItsDescriptionsWhole() {
        final Run run = run("forecast", "--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        // a '%' picocli cannot format leaves the raw description, its %n line breaks included
        assertTrue(run.out().contains("95% level"), run.out());
        assertFalse(run.out().contains("%n"), run.out());
    }

    @Test
    void mergeHelpDescribesEveryOption() {
        final Run run = run("merge", "--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        for (final String line : run.out().split("\\R")) {
            if (line.matches("\\s+(-\\w, )?--[\\w-]+.*")) {
                assertTrue(
                        line.matches("\\s+(-\\w, )?--[\\w-]+(=<\\w+>)?\\s+\\S.*"),
                        "an option without a description: '" + line + "'");
            }
        }
        assertTrue(
                run.out().contains("--id-col=<idCol>       --input's series id column (default unique_id)"), run.out());
    }
}
