package forecastfarm.launcher.cli;

/**
 * Whether standard output is a terminal that can be redrawn (a progress bar, a refreshing view), rather than a file,
 * a pipe or a batch job's log.
 */
public final class Terminal {
    private Terminal() {}

    public static boolean isInteractive() {
        final java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (final ReflectiveOperationException ex) {
            return true;
        }
    }
}
