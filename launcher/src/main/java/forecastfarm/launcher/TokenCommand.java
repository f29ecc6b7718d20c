package forecastfarm.launcher;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.serve.Tokens;
import forecastfarm.shared.FarmDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code farm token add NAME --farm-dir D}: prints a new client's bearer token for a served farm. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Add a client of farm serve: 'farm token add NAME --farm-dir D' prints its token (jobs are"
                + " shared fairly between clients; a client sees only its own jobs).")
final class TokenCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    FarmCli parent;

    @Parameters(index = "0", paramLabel = "add", description = "add (the one action)")
    String action;

    @Parameters(index = "1", paramLabel = "NAME", description = "the client's name: letters, digits, . _ -")
    String name;

    @Option(names = "--farm-dir", required = true, description = "the served farm's dir")
    Path farmDir;

    @Override
    public Integer call() {
        if (!"add".equals(action)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "unknown action '" + action + "': farm token add NAME --farm-dir D");
        }
        parent.out().println(Tokens.add(new FarmDirectory(farmDir), name));
        return ExitCodes.OK;
    }
}
