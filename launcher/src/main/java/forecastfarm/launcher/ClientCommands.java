package forecastfarm.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.client.JobResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client commands of a served farm besides {@code submit}: {@code jobs}, {@code status}, {@code results} and
 * {@code cancel}, each one request of the HTTP API made as the farm dir's client (or {@code --url} and
 * {@code --token-file}'s).
 */
final class ClientCommands {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientCommands() {}

    /** The options every client command has: the served farm's dir, or its URL and a token. */
    static class ClientCommand {
        @CommandLine.ParentCommand
        FarmCli parent;

        @Option(
                names = "--farm-dir",
                paramLabel = "D",
                description = "the served farm's dir: its serve.url and api-token say where and who")
        Path farmDir;

        @CommandLine.Mixin
        ServerAddress server;
    }

    @Command(
            name = "jobs",
            mixinStandardHelpOptions = true,
            description = "List this client's jobs on a served farm: id, state, done/tasks, ok, failed, type.")
    static final class Jobs extends ClientCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            final JsonNode jobs = server.connect(farmDir).jobs().path("jobs");
            parent.out()
                    .printf(
                            Locale.ROOT,
                            "%-24s %-10s %15s %8s %8s  %s%n",
                            "JOB",
                            "STATE",
                            "DONE",
                            "OK",
                            "FAILED",
                            "TYPE");
            for (final JsonNode job : jobs) {
                parent.out()
                        .printf(
                                Locale.ROOT,
                                "%-24s %-10s %15s %8d %8d  %s%n",
                                job.path("id").asText(),
                                job.path("state").asText(),
                                job.path("done").asLong() + "/"
                                        + job.path("tasks").asLong(),
                                job.path("ok").asLong(),
                                job.path("failed").asLong(),
                                job.path("type").asText()
                                        + ("forecast".equals(job.path("type").asText())
                                                ? ""
                                                : " " + job.path("kind").asText()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Print a served job's state and counts as JSON; exit 0 once it succeeded, 1 while it runs,"
                    + " 105 when it was cancelled, 101 when it failed as a whole (its \"error\" says why), as farm forecast's"
                    + " codes for failed tasks.")
    static final class Status extends ClientCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB", description = "the job id (farm submit printed it)")
        String job;

        @Override
        public Integer call() throws IOException {
            final JsonNode status = server.connect(farmDir).job(job);
            parent.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
            return switch (status.path("state").asText()) {
                case "queued", "running" -> ExitCodes.PENDING;
                case "cancelled" -> ExitCodes.INTERRUPTED;
                default ->
                    status.hasNonNull("error")
                            ? ExitCodes.USAGE
                            : ExitCodes.forFailures(status.path("failed").asLong());
            };
        }
    }

    @Command(
            name = "results",
            mixinStandardHelpOptions = true,
            description = "Write a served job's results in --out, as far as the job got: a forecast job's forecasts.csv"
                    + " and failed.csv, a cv job's cv.csv, cv_metrics.csv and failed.csv, a task job's results.jsonl and"
                    + " failed.csv.")
    static final class Results extends ClientCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
        String job;

        @Option(names = "--out", required = true, description = "the folder to write the files in")
        Path out;

        @Override
        public Integer call() {
            final forecastfarm.launcher.client.ServedFarm farm = server.connect(farmDir);
            final JsonNode status = farm.job(job);
            try {
                final java.util.List<String> files =
                        new JobResultFiles(farm).write(job, status.path("type").asText(), out);
                parent.err()
                        .println("job " + job + " (" + status.path("state").asText() + ", "
                                + status.path("done").asLong() + "/"
                                + status.path("tasks").asLong()
                                + " done): " + out.toAbsolutePath().normalize() + " " + String.join(", ", files));
            } catch (final IOException ex) {
                throw new UncheckedIOException("cannot write results to " + out + ": " + ex.getMessage(), ex);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancel a served job (its running tasks finish) and delete it with its results.")
    static final class Cancel extends ClientCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
        String job;

        @Override
        public Integer call() {
            server.connect(farmDir).cancel(job);
            parent.err().println("job " + job + " cancelled and deleted");
            return ExitCodes.OK;
        }
    }
}
