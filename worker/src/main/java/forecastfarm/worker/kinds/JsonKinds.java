package forecastfarm.worker.kinds;

import forecastfarm.api.TaskKind;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The JSON task kinds of a worker ({@code farm run --kind NAME}): the built-in ones and those of the task jars, each
 * jar loaded in a class loader of its own whose parent shows only the JDK and {@code forecastfarm.api}
 * ({@link ApiOnlyClassLoader}), its kinds found with {@link ServiceLoader}. Immutable once loaded; the order is the
 * built-ins', then the jars' in the order given.
 */
public final class JsonKinds {
    /** The source of a kind that comes with the worker. */
    public static final String BUILT_IN = "built-in";
    /** How a kind's name must look: lower case letters, digits and '-', starting with a letter. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private static final String SERVICE_FILE = "META-INF/services/" + TaskKind.class.getName();

    private final Map<String, TaskKind> kinds;
    private final Map<String, String> sources;

    private JsonKinds(final Map<String, TaskKind> kinds, final Map<String, String> sources) {
        this.kinds = Collections.unmodifiableMap(kinds);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /**
     * @param builtIns the worker's own kinds.
     * @param taskJars users' jars; relative paths are taken from the working directory.
     * @throws TaskJarProblem naming the jar(s): one unreadable or with no kind, a name offered twice (naming both
     *     jars) or offered by a jar and the worker, a name that breaks {@link #NAME}.
     */
    public static JsonKinds load(final List<TaskKind> builtIns, final List<Path> taskJars) {
        final Map<String, TaskKind> kinds = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();
        for (final TaskKind kind : builtIns) {
            kinds.put(kind.name(), kind);
            sources.put(kind.name(), BUILT_IN);
        }
        final ApiOnlyClassLoader api = new ApiOnlyClassLoader(TaskKind.class.getClassLoader());
        for (final Path given : taskJars) {
            final String jar = given.toAbsolutePath().normalize().toString();
            for (final TaskKind kind : kindsOf(Path.of(jar), api)) {
                final String name = nameOf(kind, jar);
                final String before = sources.putIfAbsent(name, jar);
                if (BUILT_IN.equals(before)) {
                    throw new TaskJarProblem("task jar " + jar + " offers the kind '" + name
                            + "', the name of a built-in kind: rename it");
                }
                if (before != null) {
                    throw new TaskJarProblem(
                            "task kind '" + name + "' is offered by both " + before + " and " + jar + ": keep one");
                }
                kinds.put(name, kind);
            }
        }
        return new JsonKinds(kinds, sources);
    }

    /** The built-in kinds alone: a worker with no task jars. */
    public static JsonKinds builtIn(final List<TaskKind> builtIns) {
        return load(builtIns, List.of());
    }

    /** Name to kind; unmodifiable. */
    public Map<String, TaskKind> kinds() {
        return kinds;
    }

    /** Name to {@link #BUILT_IN} or the absolute path of its jar; unmodifiable. */
    public Map<String, String> sources() {
        return sources;
    }

    private static List<TaskKind> kindsOf(final Path jar, final ClassLoader api) {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new TaskJarProblem("task jar " + jar + " cannot be read: "
                    + (Files.exists(jar) ? "not a readable file" : "no such file"));
        }
        final boolean listsKinds;
        try (JarFile file = new JarFile(jar.toFile())) {
            listsKinds = file.getEntry(SERVICE_FILE) != null;
        } catch (final IOException ex) {
            throw new TaskJarProblem("task jar " + jar + " cannot be read: " + ex.getMessage(), ex);
        }
        if (!listsKinds) {
            throw new TaskJarProblem("task jar " + jar + " offers no task kind: it has no " + SERVICE_FILE);
        }
        final List<TaskKind> found = new ArrayList<>();
        try {
            final URLClassLoader loader = new URLClassLoader(
                    "task-jar " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, api);
            for (final TaskKind kind : ServiceLoader.load(TaskKind.class, loader)) {
                found.add(kind);
            }
        } catch (final ServiceConfigurationError | LinkageError | MalformedURLException ex) {
            throw new TaskJarProblem("task jar " + jar + ": its task kinds cannot be loaded: " + describe(ex), ex);
        }
        if (found.isEmpty()) {
            throw new TaskJarProblem("task jar " + jar + " offers no task kind: " + SERVICE_FILE + " names none");
        }
        return found;
    }

    private static String nameOf(final TaskKind kind, final String jar) {
        final String name;
        try {
            name = kind.name();
        } catch (final RuntimeException | LinkageError ex) {
            throw new TaskJarProblem(
                    "task jar " + jar + ": " + kind.getClass().getName() + ".name() failed: " + describe(ex), ex);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TaskJarProblem("task jar " + jar + " offers a kind named '" + name + "' ("
                    + kind.getClass().getName() + "): names are lower case letters, digits and '-', starting with a"
                    + " letter");
        }
        return name;
    }

    private static String describe(final Throwable ex) {
        final Throwable cause = ex.getCause() != null && ex.getCause() != ex ? ex.getCause() : null;
        return ex.getMessage() + (cause == null ? "" : " (" + cause + ")");
    }
}
