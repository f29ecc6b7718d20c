package forecastfarm.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The task kinds a {@code farm run} job can use, as the workers see them: the launcher never loads plugin code, so it
 * asks a worker JVM ({@link WorkerArgs#TASK_KINDS_CLASS}, with the workers' JVM flags and classpath and the task jars
 * as arguments) before any task runs, and writes {@code task-kinds.json} in the farm dir for the workers to read at
 * start.
 *
 * <p>Contract: {@link #list} returns kind name to where it comes from ({@code built-in} or a jar's absolute path), or
 * throws {@link IllegalArgumentException} with the worker's one-line complaint about the jars (a usage error), or
 * {@link WorkersUnusable} when the worker JVM cannot answer at all. {@link #require} refuses a kind no worker knows,
 * listing the known ones.
 */
public final class TaskKinds {
    /** How long the listing JVM may take (it loads every task jar's kinds). */
    static final long LIST_TIMEOUT_MS = 120_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskKinds() {}

    /**
     * @param taskJars absolute paths of the user's task jars.
     * @return kind name to {@code built-in} or the jar that offers it, sorted by name.
     */
    public static Map<String, String> list(final FarmContext ctx, final List<Path> taskJars) {
        final List<String> command = new ArrayList<>();
        command.add(ctx.javaExecutable().toString());
        command.addAll(ctx.workerJvmOptions());
        command.add("-cp");
        command.add(ctx.workerClasspath());
        command.add(WorkerArgs.TASK_KINDS_CLASS);
        taskJars.forEach(jar -> command.add(jar.toString()));
        final Path stdout;
        final Path stderr;
        try {
            stdout = Files.createTempFile("farm-task-kinds", ".out");
            stderr = Files.createTempFile("farm-task-kinds", ".err");
        } catch (final IOException ex) {
            throw new WorkersUnusable("cannot list the task kinds: " + ex.getMessage(), ex);
        }
        try {
            final Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(LIST_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new WorkersUnusable("listing the task kinds took more than " + LIST_TIMEOUT_MS / 1000 + " s ("
                        + WorkerArgs.TASK_KINDS_CLASS + " " + taskJars + ")");
            }
            final String out = Files.readString(stdout, StandardCharsets.UTF_8);
            final String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            return answer(process.exitValue(), out, err, ctx.workerClasspath());
        } catch (final IOException ex) {
            throw new WorkersUnusable("cannot start a worker JVM to list the task kinds: " + ex.getMessage(), ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new WorkersUnusable("interrupted while listing the task kinds", ex);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /**
     * Reads the listing JVM's answer (see {@link WorkerArgs#TASK_KINDS_CLASS}).
     *
     * @throws IllegalArgumentException for exit 2: the jars' problem, as the worker put it.
     * @throws WorkersUnusable          for any other failure.
     */
    static Map<String, String> answer(final int exit, final String stdout, final String stderr, final String cp) {
        if (exit == 2) {
            throw new IllegalArgumentException("--task-jar: " + firstLine(stderr));
        }
        if (exit != 0) {
            throw new WorkersUnusable("cannot list the task kinds: the worker JVM (" + WorkerArgs.TASK_KINDS_CLASS
                    + ", classpath " + cp + ") exited " + exit + ": " + firstLine(stderr));
        }
        try {
            final JsonNode kinds = JSON.readTree(stdout).path("kinds");
            if (!kinds.isObject()) {
                throw new WorkersUnusable("cannot list the task kinds: no \"kinds\" object in " + stdout.strip());
            }
            final Map<String, String> sorted = new java.util.TreeMap<>();
            for (final Iterator<Map.Entry<String, JsonNode>> it = kinds.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> kind = it.next();
                sorted.put(kind.getKey(), kind.getValue().asText());
            }
            return new LinkedHashMap<>(sorted);
        } catch (final IOException ex) {
            throw new WorkersUnusable(
                    "cannot list the task kinds: the worker JVM's answer is not JSON: " + firstLine(stdout), ex);
        }
    }

    /**
     * @param kind the {@code --kind} given, or null when none was.
     * @throws IllegalArgumentException naming the known kinds when {@code kind} is not one of them.
     */
    public static void require(final String kind, final Map<String, String> known) {
        if (kind != null && known.containsKey(kind)) {
            return;
        }
        final String listed = known.isEmpty()
                ? "none"
                : known.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "));
        throw new IllegalArgumentException((kind == null ? "--kind is missing" : "unknown --kind " + kind)
                + ": the workers know " + listed + "; name one of them, or add the jar that offers it with --task-jar");
    }

    /**
     * Writes {@link FarmDirectory#taskKindsFile()} atomically, owner-only like the farm dir:
     * {@code {"task_jars": [...], "settings": {...}}}.
     */
    public static void writeFile(final FarmDirectory farm, final List<Path> taskJars, final ObjectNode settings)
            throws IOException {
        final ObjectNode file = JSON.createObjectNode();
        taskJars.forEach(jar -> file.withArray("task_jars").add(jar.toString()));
        if (taskJars.isEmpty()) {
            file.putArray("task_jars");
        }
        file.set("settings", settings);
        final Path target = farm.taskKindsFile();
        final Path tmp = Files.createTempFile(target.getParent(), ".task-kinds.", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, FarmDirectory.FILE_PERMISSIONS);
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String firstLine(final String text) {
        final String stripped = text.strip();
        final int end = stripped.indexOf('\n');
        return stripped.isEmpty()
                ? "(no message)"
                : end < 0 ? stripped : stripped.substring(0, end).strip();
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // a temporary file in $TMPDIR
        }
    }
}
