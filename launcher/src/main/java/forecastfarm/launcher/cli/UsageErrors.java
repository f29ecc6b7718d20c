package forecastfarm.launcher.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad options get one line on stderr, {@code error: WHAT (see 'farm forecast --help')}, and exit code
 * {@link ExitCodes#USAGE}, instead of picocli's message followed by the whole usage.
 *
 * <p>An unknown option is named before a missing required one: {@code --horizn 20} is a typo of {@code --horizon},
 * and "Missing required option '--horizon'" would hide it. Picocli validates the required options before it
 * reports the arguments it could not match, but it has collected them by then, so they are taken from the command
 * that failed; the suggestions are picocli's own ({@link UnmatchedArgumentException#getSuggestions()}).
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(final ParameterException ex, final String[] args) {
        final CommandLine command = ex.getCommandLine();
        final PrintWriter err = command.getErr();
        err.println(
                "error: " + describe(ex) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * @return the problem in a few words, without the usage.
     */
    static String describe(final ParameterException ex) {
        final CommandLine command = ex.getCommandLine();
        final List<String> unmatched =
                ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : command.getUnmatchedArguments();
        if (unmatched.isEmpty()) {
            return ex.getMessage();
        }
        final String arg = unmatched.stream()
                .filter(each -> each.startsWith("-"))
                .findFirst()
                .orElse(unmatched.get(0));
        final String first = arg.startsWith("-") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        final List<String> suggestions = new UnmatchedArgumentException(command, List.of(first)).getSuggestions();
        if (!first.startsWith("-")) {
            final boolean hasCommands = !command.getSubcommands().isEmpty();
            return (hasCommands ? "unknown command '" : "unexpected argument '") + first + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
        }
        return "unknown option '" + first + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
    }
}
