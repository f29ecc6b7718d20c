package forecastfarm.launcher;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.Terminal;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.FarmLayout;
import forecastfarm.launcher.inspect.Inspector;
import forecastfarm.shared.FarmDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code farm inspect}: a farm's jobs, workers and counts from shared memory, or one key's result. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show a farm's workers and counts from shared memory, live or after the run.")
final class InspectCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    FarmCli parent;

    @Option(
            names = "--farm-dir",
            description = "the farm dir (default: the latest one under $TMPDIR/forecast-farm-$USER)")
    Path farmDir;

    @Option(names = "--id", description = "print this series' (or task's) result, in every job that has it")
    String id;

    @Option(names = "--job", description = "with --id: look only in this job (farm inspect lists the jobs)")
    String job;

    @Option(
            names = "--watch",
            arity = "0..1",
            fallbackValue = "2s",
            description = "refresh the view every " + "interval (default 2s) until the launcher finishes or Ctrl-C")
    String watch;

    @Override
    public Integer call() {
        final FarmDirectory farm = new FarmDirectory(farmDir != null ? farmDir : FarmCli.latestDefaultFarmDir());
        if (!Files.isDirectory(farm.root())) {
            throw new FarmException("no farm dir " + farm.root());
        }
        FarmLayout.check(farm);
        if (job != null && id == null) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--job names the job for --id; give --id too");
        }
        final Inspector inspector = new Inspector(farm, parent.out());
        if (id != null) {
            // Chronicle's first use binds its POSIX calls through JNR, generating native stubs at run time;
            // a point read of the results map needs none of them (as in WorkerMain).
            net.openhft.posix.PosixAPI.useNoOpPosixApi();
            return inspector.printResult(job, id);
        }
        try {
            if (watch != null) {
                inspector.watch(Durations.toMillis(watch), Terminal.isInteractive());
                return ExitCodes.OK;
            }
            inspector.printStatus(System.currentTimeMillis());
        } catch (final IllegalStateException ex) {
            throw new FarmException(ex.getMessage(), ex);
        }
        return ExitCodes.OK;
    }
}
