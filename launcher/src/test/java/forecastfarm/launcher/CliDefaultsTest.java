package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code farm forecast}'s defaults are the farm's: the help shows {@link FarmContext}'s defaults and an option left
 * out configures the farm as {@link FarmContext} does by itself.
 */
class CliDefaultsTest {

    private static CommandLine forecastCommand() {
        return FarmCli.commandLine(new String[0], System.out, System.err)
                .getSubcommands()
                .get("forecast");
    }

    @Test
    void optionsLeftOutConfigureTheFarmAsItsOwnDefaults() {
        final CommandLine.ParseResult parsed = FarmCli.commandLine(new String[0], System.out, System.err)
                .parseArgs("forecast", "--input", "in.csv", "--horizon", "3");
        final FarmCli.Forecast options =
                (FarmCli.Forecast) parsed.subcommand().commandSpec().userObject();
        final FarmContext fromCli = options.farmContext(Path.of("farm"));
        final FarmContext plain = new FarmContext();
        assertEquals(plain.taskTimeoutMs(), fromCli.taskTimeoutMs());
        assertEquals(plain.heartbeatTimeoutMs(), fromCli.heartbeatTimeoutMs());
        assertEquals(plain.maxAttempts(), fromCli.maxAttempts());
        assertEquals(plain.maxTasksPerWorker(), fromCli.maxTasksPerWorker());
        assertEquals(plain.maxWorkerHeapBytes(), fromCli.maxWorkerHeapBytes());
        assertEquals(plain.maxWorkerRssBytes(), fromCli.maxWorkerRssBytes());
        assertEquals(FarmContext.NO_RSS_LIMIT, fromCli.maxWorkerRssBytes(), "no RSS limit unless asked");
        assertEquals(plain.workers(), fromCli.workers());
        assertEquals(plain.retryFailed(), fromCli.retryFailed());
    }

    @Test
    void anOptionGivenStillWins() {
        final CommandLine.ParseResult parsed = FarmCli.commandLine(new String[0], System.out, System.err)
                .parseArgs(
                        "forecast",
                        "--input",
                        "in.csv",
                        "--horizon",
                        "3",
                        "--task-timeout",
                        "2m",
                        "--heartbeat-timeout",
                        "750ms",
                        "--max-attempts",
                        "7",
                        "--max-tasks-per-worker",
                        "12");
        final FarmContext ctx =
                ((FarmCli.Forecast) parsed.subcommand().commandSpec().userObject()).farmContext(Path.of("farm"));
        assertEquals(120_000, ctx.taskTimeoutMs());
        assertEquals(750, ctx.heartbeatTimeoutMs());
        assertEquals(7, ctx.maxAttempts());
        assertEquals(12, ctx.maxTasksPerWorker());
    }

    private static FarmContext withRssLimit(final String mb) {
        final CommandLine.ParseResult parsed = FarmCli.commandLine(new String[0], System.out, System.err)
                .parseArgs("forecast", "--input", "in.csv", "--horizon", "3", "--max-worker-rss-mb", mb);
        return ((FarmCli.Forecast) parsed.subcommand().commandSpec().userObject())
                .farmContext(Path.of("farm"))
                .workerClasspath("worker.jar");
    }

    @Test
    void theRssLimitIsCarriedInBytes() {
        assertEquals(512L << 20, withRssLimit("512").conclude().maxWorkerRssBytes());
        assertEquals(1L << 20, withRssLimit("1").conclude().maxWorkerRssBytes());
        assertEquals(
                Long.MAX_VALUE,
                withRssLimit(Long.toString(Long.MAX_VALUE)).conclude().maxWorkerRssBytes(),
                "too large for bytes in a long: no limit, not an overflow");
    }

    @Test
    void anRssLimitBelowOneMbIsRefusedNamingTheOption() {
        for (final String mb : new String[] {"0", "-1", Long.toString(Long.MIN_VALUE)}) {
            final IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class, () -> withRssLimit(mb).conclude(), mb);
            assertTrue(
                    refused.getMessage().startsWith("--max-worker-rss-mb must be 1 or more (MB)"),
                    mb + ": " + refused.getMessage());
        }
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> withRssLimit("-3").conclude())
                .getMessage()
                .endsWith("got -3 MB"));
    }

    @Test
    void everyCommandWithTheHeapLimitHasTheRssLimit() {
        final CommandLine farm = FarmCli.commandLine(new String[0], System.out, System.err);
        int commands = 0;
        for (final CommandLine command : farm.getSubcommands().values()) {
            if (command.getCommandSpec().findOption("--max-worker-heap-mb") != null) {
                commands++;
                assertNotNull(
                        command.getCommandSpec().findOption("--max-worker-rss-mb"),
                        "farm " + command.getCommandName() + " --max-worker-rss-mb");
            }
        }
        assertTrue(commands >= 4, "forecast, run, serve, submit and cv have the heap limit: " + commands);
    }

    @Test
    void theHelpShowsTheFarmsDefaults() {
        // what farm forecast --help prints; picocli wraps long descriptions, so compare with the line breaks and
        // indentation folded to one space
        final String help =
                forecastCommand().getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        for (final String expected : new String[] {
            "kill a worker whose task runs longer (default " + Durations.format(FarmContext.TASK_TIMEOUT_MS_DEFAULT)
                    + ")",
            "kill a worker whose heartbeat is older (default "
                    + Durations.format(FarmContext.HEARTBEAT_TIMEOUT_MS_DEFAULT) + ")",
            "poisoned (default " + FarmContext.MAX_ATTEMPTS_DEFAULT + ")",
            "recycle a worker after this many tasks (default " + FarmContext.MAX_TASKS_PER_WORKER_DEFAULT + ")"
        }) {
            assertTrue(help.contains(expected), "'" + expected + "' in: " + help);
        }
        assertTrue(help.contains("(default 30m)"), "the task timeout as users write it: " + help);
        assertTrue(help.contains("(default 5s)"), "the heartbeat timeout as users write it: " + help);
    }

    @Test
    void theHelpListsEveryKnownModel() {
        // picocli also wraps after ':', so compare with all white space removed
        final String help =
                forecastCommand().getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", "");
        final ModelDeclaration declared = ModelCatalog.MODELS.find("comb").orElseThrow();
        final String comb = String.join("+", declared.defaultModels()) + "+combine=" + declared.aloneValue("combine");
        assertTrue(
                help.contains("joinedby'+':" + ModelCatalog.MODELS.usages().replace(" ", "") + ";"),
                "--model lists every model of ModelCatalog.MODELS with its argument: " + help);
        assertTrue(help.contains("combaloneiscomb:" + comb + ";"), "what comb alone means, as declared: " + help);
        final String auto =
                String.join("+", ModelCatalog.MODELS.find("auto").orElseThrow().defaultModels());
        assertTrue(help.contains("autoaloneisauto:" + auto + ";"), "what auto alone means, as declared: " + help);
    }

    @Test
    void everyProvidedDefaultBelongsToAnOption() {
        final CommandLine.Model.CommandSpec spec = forecastCommand().getCommandSpec();
        for (final String name : FarmCli.FarmDefaults.BY_OPTION.keySet()) {
            final CommandLine.Model.OptionSpec option = spec.findOption(name);
            assertNotNull(option, name + " is no option of farm forecast");
            assertEquals(FarmCli.FarmDefaults.BY_OPTION.get(name), option.defaultValueString(), name);
        }
    }
}
