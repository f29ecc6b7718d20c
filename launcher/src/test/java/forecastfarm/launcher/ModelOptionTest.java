package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.shared.forecast.ModelCatalog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code farm forecast --model}: a bad spec is a usage error (exit 101) with one line naming the bad part, given
 * before the input is read and before any worker starts.
 */
class ModelOptionTest {

    /** Runs {@code farm forecast} and returns its exit code and what it printed on stderr. */
    private static String[] forecast(final String model) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
                PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = FarmCli.execute(
                    new String[] {"forecast", "--input", "no-such-input.csv", "--horizon", "3", "--model", model},
                    quiet,
                    errors);
        }
        return new String[] {Integer.toString(exit), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aBadSpecIsOneLineNamingTheBadPartAndExit101BeforeTheInputIsRead() {
        final String[] unknownInArgument = forecast("ets,comb:ets+thta");
        assertEquals(Integer.toString(ExitCodes.USAGE), unknownInArgument[0]);
        assertEquals(
                "error: --model 'ets,comb:ets+thta': unknown model 'thta' in the argument of comb; known models: "
                        + ModelCatalog.BUILT_IN.usages() + System.lineSeparator(),
                unknownInArgument[1]);
        final String[] argumentNotTaken = forecast("ets:3");
        assertEquals(Integer.toString(ExitCodes.USAGE), argumentNotTaken[0]);
        assertEquals("error: --model 'ets:3': ets takes no argument" + System.lineSeparator(), argumentNotTaken[1]);
        final String[] trailingComma = forecast("ets,");
        assertEquals(Integer.toString(ExitCodes.USAGE), trailingComma[0]);
        assertEquals(
                "error: --model 'ets,': trailing ','; remove it or name a model after it" + System.lineSeparator(),
                trailingComma[1]);
    }

    @Test
    void aGoodSpecGetsAsFarAsTheMissingInput() {
        assertEquals(Integer.toString(ExitCodes.INPUT), forecast("ets, comb:ets+theta")[0]);
    }

    @Test
    void givenModelsReplaceTheDefaultAndRepeatedOptionsAddUp() {
        final CommandLine.ParseResult parsed = new CommandLine(new FarmCli(System.out, System.err))
                .parseArgs("forecast", "--input", "in.csv", "--horizon", "3", "--model", "ets", "--model", "comb:a+b");
        final FarmCli.Forecast options =
                (FarmCli.Forecast) parsed.subcommand().commandSpec().userObject();
        assertEquals(List.of("ets", "comb:a+b"), options.forecast.models);
    }
}
