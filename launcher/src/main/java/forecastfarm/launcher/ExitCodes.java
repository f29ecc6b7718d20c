package forecastfarm.launcher;

/**
 * Exit codes of {@code scripts/farm}. 0: every task succeeded; 1..100: that many tasks failed or were poisoned
 * (capped at 100, GNU parallel's habit); 101 and up: the run itself had a problem.
 */
public final class ExitCodes
{
    public static final int OK = 0;
    public static final int MAX_FAILED = 100;
    public static final int USAGE = 101;
    public static final int INPUT = 102;
    public static final int FARM_DIR = 103;
    public static final int OUTPUT = 104;
    public static final int INTERRUPTED = 105;
    public static final int WORKERS_FAILED = 106;
    public static final int INTERNAL = 110;

    private ExitCodes()
    {
    }

    public static int forFailures(final long failedOrPoisoned)
    {
        return (int)Math.min(MAX_FAILED, failedOrPoisoned);
    }
}
