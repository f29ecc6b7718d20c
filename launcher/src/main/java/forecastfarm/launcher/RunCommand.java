package forecastfarm.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.run.RunJob;
import forecastfarm.launcher.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm run}: the user's own tasks, of a built-in kind or one from a task jar, on the farm (see {@link RunJob}).
 * Its farm options are the forecast command's ({@link FarmOptions}).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        defaultValueProvider = FarmCli.FarmDefaults.class,
        description = "Run your own tasks (tasks.jsonl or tasks.csv: a key and args per task) of one task kind, built"
                + " in (forecast) or from a --task-jar, and write results.jsonl.")
final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.ParentCommand
    FarmCli parent;

    @Option(
            names = "--kind",
            description = "the task kind every task runs: forecast (built in) or one a --task-jar offers")
    String kind;

    @Option(
            names = "--input",
            required = true,
            description = "tasks.jsonl (one {\"key\": ..., \"args\": {...}} per line) or tasks.csv (a key column and"
                    + " argument columns; JSON arrays and objects, numbers, else strings)")
    Path input;

    @Option(names = "--out", defaultValue = "results", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--task-jar",
            paramLabel = "JAR",
            description = "a jar of your task kinds, built against the task-api jar (repeatable)")
    List<Path> taskJars = new ArrayList<>();

    @Option(
            names = "--settings",
            paramLabel = "JSON|@FILE",
            description = "the job's settings, a JSON object given to each kind when a worker opens it (default {})")
    String settings;

    @Option(
            names = "--resume",
            description = "keep the tasks that results.jsonl in --out lists as finished (OK, FAILED or POISONED);"
                    + " useful when the farm dir is gone (a rerun with the farm dir resumes by itself)")
    boolean resume;

    @Option(
            names = "--retry-failed",
            description = "like --resume, but tasks that FAILED, were POISONED or not run are run again (in the farm"
                    + " dir too)")
    boolean retryFailed;

    @Option(
            names = "--shard",
            paramLabel = "i/n",
            description = "run only shard i (0-based) of n: the tasks whose key hashes to i (stable; see ShardFilter)")
    String shard;

    @Option(
            names = "--time-zone",
            paramLabel = "ZONE",
            description = "--kind forecast: the IANA zone of ds date-times without an offset (default "
                    + TimeSettings.ZONE_DEFAULT + ")")
    String timeZone;

    @Option(
            names = "--time-format",
            paramLabel = "auto|epoch",
            description = "--kind forecast: how ds is read, as farm forecast reads it (default "
                    + TimeSettings.FORMAT_DEFAULT + ")")
    String timeFormat;

    @CommandLine.Mixin
    FarmOptions farm;

    @Override
    public Integer call() {
        final List<Path> jars = new ArrayList<>();
        for (final Path jar : taskJars) {
            if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                throw new IllegalArgumentException("--task-jar " + jar
                        + (Files.exists(jar) ? " is not a readable file" : " does not exist")
                        + "; build your task jar first or fix the path");
            }
            jars.add(jar.toAbsolutePath().normalize());
        }
        if (!Files.isReadable(input)) {
            throw new InputException(
                    input, "input " + input + (Files.exists(input) ? " cannot be read" : " does not exist"));
        }
        final ShardFilter shardFilter = shard == null ? ShardFilter.ALL : ShardFilter.parse(shard);
        final RunOptions options = new RunOptions(
                kind,
                input,
                out,
                List.copyOf(jars),
                parseSettings(settings),
                resume,
                retryFailed,
                shardFilter,
                TimeSettings.parse(timeZone, timeFormat));
        return new RunJob(
                        options,
                        farm.farmContext(FarmCli.defaultFarmBase().resolve(options.jobId()), retryFailed),
                        parent.out())
                .run();
    }

    /**
     * @param text {@code --settings}: JSON, {@code @file} or null.
     * @return the settings object ({} when none).
     * @throws IllegalArgumentException naming the option and what to do.
     */
    static ObjectNode parseSettings(final String text) {
        if (text == null) {
            return JSON.createObjectNode();
        }
        String json = text;
        String from = "--settings";
        if (text.startsWith("@")) {
            final Path file = Path.of(text.substring(1));
            from = "--settings file " + file;
            try {
                json = Files.readString(file);
            } catch (final IOException ex) {
                throw new IllegalArgumentException(from + (Files.exists(file) ? " cannot be read" : " does not exist")
                        + "; give @FILE of a JSON" + " object, or the object itself");
            }
        }
        final JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (final JsonProcessingException ex) {
            throw new IllegalArgumentException(from + " is not valid JSON (" + ex.getOriginalMessage()
                    + "); give a JSON object such as" + " '{\"alpha\": 0.5}' or @settings.json");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    from + " is not a JSON object; give one such as '{\"alpha\": 0.5}' or @settings.json");
        }
        return (ObjectNode) node;
    }
}
