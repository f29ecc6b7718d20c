package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --time-zone}, {@code --time-format} and {@code --season-length} values the farm cannot use. */
class TimeOptionsCliTest {
    @TempDir
    Path tmp;

    private String usageError(final String... options) throws Exception {
        final Path input = Files.writeString(tmp.resolve("in.csv"), "unique_id,ds,y\nA,1,1\nA,2,2\n");
        final String[] args = Stream.concat(
                        Stream.of(
                                "forecast",
                                "--input",
                                input.toString(),
                                "--horizon",
                                "2",
                                "--out",
                                tmp.resolve("out").toString()),
                        Stream.of(options))
                .toArray(String[]::new);
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.USAGE,
                FarmCli.execute(args, System.out, new PrintStream(errors, true, StandardCharsets.UTF_8)));
        assertFalse(Files.exists(tmp.resolve("out")));
        return errors.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void unknownZoneFormatOrSeasonIsAUsageErrorNamingOptionAndValue() throws Exception {
        assertEquals(
                "error: unknown --time-zone 'Europe/Lundon': use an IANA zone id such as UTC, Europe/London or"
                        + " America/New_York, or an offset such as +01:00",
                usageError("--time-zone", "Europe/Lundon"));
        assertEquals("error: unknown --time-format 'unix': use auto or epoch", usageError("--time-format", "unix"));
        final List<List<String>> badAndPart =
                List.of(List.of("24,x", "x"), List.of("0.5", "0.5"), List.of("24,,168", ""), List.of("-7", "-7"));
        for (final List<String> bad : badAndPart) {
            assertEquals(
                    "error: invalid --season-length '" + bad.get(0) + "': '" + bad.get(1)
                            + "' is not a season length (a number of periods, 1 or more; a list is comma separated,"
                            + " e.g. 24,168)",
                    usageError("--season-length", bad.get(0)));
        }
    }
}
