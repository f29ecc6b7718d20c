package forecastfarm.shared;

/**
 * Exit codes of a worker JVM, so that the launcher can report why a worker ended.
 * The JVM itself exits with 3 on OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError}); signals show as 128 + n.
 */
public final class WorkerExitCode {
    public static final int NORMAL = 0;
    public static final int JVM_OUT_OF_MEMORY = 3;
    public static final int USAGE = 64;
    public static final int STACK_OVERFLOW = 65;
    public static final int FATAL_ERROR = 66;
    public static final int LAUNCHER_GONE = 67;
    /** The task jars in task-kinds.json cannot be used (the launcher checks them first; this is the backstop). */
    public static final int TASK_JARS = 68;

    public static final int RECYCLE = 75;

    private WorkerExitCode() {}

    /**
     * @param exitCode a worker's exit code.
     * @return a short human explanation, e.g. "killed by signal 9 (SIGKILL)".
     */
    public static String describe(final int exitCode) {
        switch (exitCode) {
            case NORMAL:
                return "exited normally";
            case JVM_OUT_OF_MEMORY:
                return "exit code 3 (OutOfMemoryError)";
            case USAGE:
                return "exit code 64 (bad worker arguments)";
            case STACK_OVERFLOW:
                return "exit code 65 (StackOverflowError)";
            case FATAL_ERROR:
                return "exit code 66 (fatal JVM error in a task)";
            case LAUNCHER_GONE:
                return "exit code 67 (launcher gone)";
            case TASK_JARS:
                return "exit code 68 (unusable task jars; see the worker's log)";
            case RECYCLE:
                return "exit code 75 (recycled)";
            default:
                if (exitCode > 128 && exitCode < 160) {
                    return "killed by signal " + (exitCode - 128) + signalName(exitCode - 128);
                }
                return "exit code " + exitCode;
        }
    }

    private static String signalName(final int signal) {
        switch (signal) {
            case 6:
                return " (SIGABRT)";
            case 9:
                return " (SIGKILL)";
            case 11:
                return " (SIGSEGV)";
            case 15:
                return " (SIGTERM)";
            default:
                return "";
        }
    }
}
