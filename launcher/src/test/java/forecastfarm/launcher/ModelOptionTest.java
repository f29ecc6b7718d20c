package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    private static String[] forecast(final String model, final String... more) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit;
        final List<String> args = new java.util.ArrayList<>(
                List.of("forecast", "--input", "no-such-input.csv", "--horizon", "3", "--model", model));
        args.addAll(List.of(more));
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
                PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = FarmCli.execute(args.toArray(String[]::new), quiet, errors);
        }
        return new String[] {Integer.toString(exit), err.toString(StandardCharsets.UTF_8)};
    }

    private static CommandLine.ParseResult parse(final String... args) {
        return FarmCli.commandLine(new String[0], System.out, System.err)
                .parseArgs(args)
                .subcommand();
    }

    @Test
    void aBadSpecIsOneLineNamingTheBadPartAndExit101BeforeTheInputIsRead() {
        final String[] unknownInArgument = forecast("ets,comb:ets+thta");
        assertEquals(Integer.toString(ExitCodes.USAGE), unknownInArgument[0]);
        assertEquals(
                "error: --model 'ets,comb:ets+thta': unknown model 'thta' in the argument of comb; known models: "
                        + ModelCatalog.MODELS.usages() + System.lineSeparator(),
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
        assertEquals(Integer.toString(ExitCodes.INPUT), forecast("auto, auto:naive+snaive+by=rmse+windows=3")[0]);
        assertEquals(Integer.toString(ExitCodes.INPUT), forecast("ets,auto", "--select-by", "msis")[0]);
    }

    @Test
    void selectByAndWindowsRewriteEveryAutoSpec() {
        final FarmCli.Forecast options = (FarmCli.Forecast)
                parse("forecast", "--input", "in.csv", "--horizon", "3", "--select-by", "smape", "--windows", "3")
                        .commandSpec()
                        .userObject();
        assertEquals(
                List.of("ets", "auto:by=smape+windows=3", "auto:naive+snaive+by=smape+windows=3"),
                options.auto.rewrite(List.of("ets", "auto", "auto:naive+snaive+by=rmse")));
        final FarmCli.Forecast byOnly =
                (FarmCli.Forecast) parse("forecast", "--input", "in.csv", "--horizon", "3", "--select-by", "mase")
                        .commandSpec()
                        .userObject();
        assertEquals(List.of("auto"), byOnly.auto.rewrite(List.of("auto:by=smape")), "the default is left out");
        final FarmCli.Forecast none = (FarmCli.Forecast) parse("forecast", "--input", "in.csv", "--horizon", "3")
                .commandSpec()
                .userObject();
        assertEquals(List.of("ets", "naive"), none.auto.rewrite(List.of("ets", "naive")), "no option, no rewrite");
    }

    @Test
    void autoOptionsWithoutAutoOrWithBadValuesAreUsageErrorsNamingTheOption() {
        final String[] noAuto = forecast("ets,theta", "--select-by", "smape");
        assertEquals(Integer.toString(ExitCodes.USAGE), noAuto[0]);
        assertEquals(
                "error: --select-by is for the auto model, and --model names none; add auto (e.g. --model auto) or"
                        + " leave it out" + System.lineSeparator(),
                noAuto[1]);
        assertEquals(
                "error: --select-by and --windows are for the auto model, and --model names none; add auto (e.g."
                        + " --model auto) or leave them out" + System.lineSeparator(),
                forecast("ets", "--select-by", "smape", "--windows", "3")[1]);
        final String[] badScore = forecast("auto", "--select-by", "mae");
        assertEquals(Integer.toString(ExitCodes.USAGE), badScore[0]);
        assertEquals(
                "error: invalid --select-by mae: must be one of mase, smape, rmse, msis" + System.lineSeparator(),
                badScore[1]);
        assertEquals(
                "error: invalid --windows 0: must be a whole number from 1 to 100" + System.lineSeparator(),
                forecast("auto", "--windows", "0")[1]);
        assertEquals(
                "error: --select-by made --model's 'auto:by=smape' and 'auto' the same model, auto:by=rmse; name it"
                        + " once" + System.lineSeparator(),
                forecast("auto:by=smape,auto", "--select-by", "rmse")[1]);
    }

    @Test
    void submitTakesTheAutoOptionsAndCvKeepsItsOwnWindows() {
        final SubmitCommand submit = (SubmitCommand) parse(
                        "submit",
                        "--input",
                        "in.csv",
                        "--horizon",
                        "3",
                        "--model",
                        "auto",
                        "--select-by",
                        "rmse",
                        "--windows",
                        "4")
                .commandSpec()
                .userObject();
        assertEquals("rmse", submit.auto.selectBy);
        assertEquals(4, submit.auto.windows);
        final CvCommand cv = (CvCommand) parse("cv", "--input", "in.csv", "--horizon", "3", "--windows", "5")
                .commandSpec()
                .userObject();
        assertEquals(5, cv.windows, "farm cv's --windows is its cv windows");
        assertThrows(
                CommandLine.UnmatchedArgumentException.class,
                () -> parse("cv", "--input", "in.csv", "--horizon", "3", "--windows", "5", "--select-by", "rmse"));
    }

    @Test
    void givenModelsReplaceTheDefaultAndRepeatedOptionsAddUp() {
        final CommandLine.ParseResult parsed = FarmCli.commandLine(new String[0], System.out, System.err)
                .parseArgs("forecast", "--input", "in.csv", "--horizon", "3", "--model", "ets", "--model", "comb:a+b");
        final FarmCli.Forecast options =
                (FarmCli.Forecast) parsed.subcommand().commandSpec().userObject();
        assertEquals(List.of("ets", "comb:a+b"), options.forecast.models);
    }
}
