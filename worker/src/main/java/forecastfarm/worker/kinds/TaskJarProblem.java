package forecastfarm.worker.kinds;

/**
 * Why the task jars cannot be used: two jars offering one kind, a jar offering a built-in kind's name or a badly
 * formed name, a jar with no task kind, a jar that cannot be read, a task-kinds file that cannot be read. The message
 * is one line that names the jar(s).
 */
public final class TaskJarProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskJarProblem(final String message) {
        super(message);
    }

    TaskJarProblem(final String message, final Throwable cause) {
        super(message, cause);
    }
}
