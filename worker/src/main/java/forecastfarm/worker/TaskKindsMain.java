package forecastfarm.worker;

import forecastfarm.shared.WorkerArgs;
import forecastfarm.worker.json.JsonRenderer;
import forecastfarm.worker.kinds.JsonKinds;
import forecastfarm.worker.kinds.TaskJarProblem;
import forecastfarm.worker.tasks.BuiltInTasks;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the JSON task kinds that the worker and the task jars given as arguments offer ({@link WorkerArgs#TASK_KINDS_CLASS}):
 * {@code {"kinds": {"NAME": "built-in" | "/abs/path.jar"}}} on stdout and exit {@value #OK}, or one line naming the
 * jar(s) and the problem on stderr and exit {@value #PROBLEM}. It loads the jars exactly as a worker does
 * ({@link JsonKinds}), creating each kind but opening none. The launcher runs it in a JVM of its own, so that plugin
 * code never runs in the launcher.
 */
public final class TaskKindsMain {
    public static final int OK = 0;
    public static final int PROBLEM = 2;

    private TaskKindsMain() {}

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args task jar paths.
     * @return the exit code.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final List<Path> jars = new ArrayList<>(args.length);
        for (final String arg : args) {
            jars.add(Path.of(arg));
        }
        final JsonKinds kinds;
        try {
            kinds = JsonKinds.load(BuiltInTasks.jsonKinds(), jars);
        } catch (final TaskJarProblem ex) {
            err.println(ex.getMessage());
            err.flush();
            return PROBLEM;
        }
        out.println(new String(JsonRenderer.render(Map.of("kinds", kinds.sources())), StandardCharsets.UTF_8));
        out.flush();
        return OK;
    }
}
