package forecastfarm.worker.kinds;

import forecastfarm.api.Args;
import forecastfarm.worker.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A farm's {@code task-kinds.json} (FarmDirectory.taskKindsFile()), written by the launcher before its workers start:
 * {@code {"task_jars": ["/abs/a.jar", ...], "settings": {...}}}. Absent: no task jars, no settings.
 *
 * @param taskJars the users' task jars, in the order given.
 * @param settings the job's settings, given to every kind's {@code open}.
 */
public record TaskKindsFile(List<Path> taskJars, Args settings) {
    public static final String TASK_JARS = "task_jars";
    public static final String SETTINGS = "settings";

    public TaskKindsFile {
        taskJars = List.copyOf(taskJars);
    }

    /** No task jars, no settings. */
    public static TaskKindsFile none() {
        return new TaskKindsFile(List.of(), Args.empty());
    }

    /**
     * @throws TaskJarProblem when the file exists but cannot be read or is not as described, naming the file.
     */
    public static TaskKindsFile read(final Path file) {
        final byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (final NoSuchFileException absent) {
            return none();
        } catch (final IOException ex) {
            throw new TaskJarProblem(file + " cannot be read: " + ex.getMessage(), ex);
        }
        try {
            final Args fields = JsonReader.readArgs(text);
            final List<Path> jars = new ArrayList<>();
            if (fields.has(TASK_JARS) && fields.asMap().get(TASK_JARS) != null) {
                for (final Object jar : fields.list(TASK_JARS)) {
                    if (!(jar instanceof String path)) {
                        throw new IllegalArgumentException("'" + TASK_JARS + "' holds " + jar + ", not a path");
                    }
                    jars.add(Path.of(path));
                }
            }
            final Args settings = fields.asMap().get(SETTINGS) == null ? Args.empty() : fields.object(SETTINGS);
            return new TaskKindsFile(jars, settings);
        } catch (final IllegalArgumentException ex) {
            throw new TaskJarProblem(file + " is not a task-kinds file: " + ex.getMessage(), ex);
        }
    }
}
