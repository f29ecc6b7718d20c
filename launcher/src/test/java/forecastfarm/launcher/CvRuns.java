package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/** The {@code farm cv} command lines of the cv tests, and running the CLI in this JVM. */
final class CvRuns {
    private CvRuns() {}

    /**
     * @param options {@code --option value} pairs that replace the defaults (horizon 3, 3 windows 2 apart, naive and
     *     drift, 2 workers) or come after them; a lone flag at the end is passed as it is.
     * @return {@code cv --input ... --farm-dir ... --out ...} with the options.
     */
    static List<String> args(final Path input, final Path out, final Path farmDir, final String... options) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("--input", input.toString());
        values.put("--horizon", "3");
        values.put("--windows", "3");
        values.put("--step", "2");
        values.put("--model", "naive,drift");
        values.put("--workers", "2");
        values.put("--farm-dir", farmDir.toString());
        values.put("--out", out.toString());
        final List<String> flags = new ArrayList<>();
        for (int i = 0; i < options.length; i += 2) {
            if (i + 1 < options.length) {
                values.put(options[i], options[i + 1]);
            } else {
                flags.add(options[i]);
            }
        }
        final List<String> args = new ArrayList<>(List.of("cv"));
        values.forEach((option, value) -> args.addAll(List.of(option, value)));
        args.addAll(flags);
        return args;
    }

    /**
     * @param y the value of series k (from 0) at point i (from 1).
     * @return a long input CSV (unique_id,ds,y) of series S0, S1, ... with {@code points} points each, ds 1, 2, ...
     */
    static StringBuilder longCsv(final int series, final int points, final IntBinaryOperator y) {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int k = 0; k < series; k++) {
            for (int i = 1; i <= points; i++) {
                csv.append('S')
                        .append(k)
                        .append(',')
                        .append(i)
                        .append(',')
                        .append(y.applyAsInt(k, i))
                        .append('\n');
            }
        }
        return csv;
    }

    /**
     * Runs the farm CLI (any command) in this JVM; fails unless it exits with {@code expected}.
     *
     * @return what it printed, out and err together.
     */
    static String farm(final int expected, final List<String> args) {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(console, true, StandardCharsets.UTF_8);
        final int exit = FarmCli.execute(args.toArray(String[]::new), stream, stream);
        final String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(expected, exit, String.join(" ", args) + ":\n" + text);
        return text;
    }
}
