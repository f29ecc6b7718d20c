package forecastfarm.launcher.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads the tasks of {@code farm run --input}, one at a time (the file is streamed, never held whole):
 *
 * <ul>
 *   <li>{@code *.csv} (or {@code *.csv.gz}): a header with a {@code key} column and argument columns; each row is a
 *       task whose args are its other cells: a cell holding a JSON array or object is read as JSON, a number as a
 *       number, any other text as a string, and an empty cell is left out of the args.
 *   <li>anything else (tasks.jsonl): one JSON object per line, {@code {"key": "<id>", "args": {...}}}; blank lines
 *       are skipped.
 * </ul>
 *
 * <p>Contract: every task and every problem is handed over in file order, each with its 1-based line number (the
 * first line of a CSV record), so line numbers are increasing. A record that is not valid JSON, has no string key,
 * repeats an earlier key or whose args are not an object is an {@link InputProblem} naming its line; the other
 * records are still read. A file that cannot be read at all (missing, no {@code key} column, broken CSV quoting)
 * throws {@link InputException}. Memory: the keys seen so far (to find repeats), not the payloads.
 */
public final class TaskFileReader {
    /** The key column of tasks.csv. */
    public static final String KEY_COLUMN = "key";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /**
     * One task as read.
     *
     * @param line its 1-based line in the file: increasing, so it orders the tasks as the file does.
     */
    public record TaskLine(long line, String key, ObjectNode args) {}

    private final Path file;
    private final Map<String, Long> keyLines = new HashMap<>();

    private TaskFileReader(final Path file) {
        this.file = file;
    }

    /**
     * Reads every task of {@code file}, in file order.
     *
     * @throws InputException when the file cannot be read at all.
     */
    public static void read(final Path file, final Consumer<TaskLine> onTask, final Consumer<InputProblem> onProblem) {
        final TaskFileReader reader = new TaskFileReader(file);
        if (isCsv(file)) {
            reader.readCsv(onTask, onProblem);
        } else {
            reader.readJsonLines(onTask, onProblem);
        }
    }

    /** @return true for a {@code .csv} or {@code .csv.gz} name (any case): read as tasks.csv, else as tasks.jsonl. */
    public static boolean isCsv(final Path file) {
        final String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz");
    }

    private void readJsonLines(final Consumer<TaskLine> onTask, final Consumer<InputProblem> onProblem) {
        CsvRows.checkReadableFile(file);
        try (BufferedReader lines = open()) {
            long lineNo = 0;
            for (String text; (text = lines.readLine()) != null; ) {
                lineNo++;
                if (!text.isBlank()) {
                    jsonLine(lineNo, text, onTask, onProblem);
                }
            }
        } catch (final IOException | UncheckedIOException ex) {
            throw new InputException(file, "cannot read input " + file + ": " + ex.getMessage(), ex);
        }
    }

    private BufferedReader open() throws IOException {
        final java.io.InputStream in = Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(
                CsvRows.isGzip(file) ? new GZIPInputStream(in, 1 << 16) : in, StandardCharsets.UTF_8));
    }

    private void jsonLine(
            final long line,
            final String text,
            final Consumer<TaskLine> onTask,
            final Consumer<InputProblem> onProblem) {
        final JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (final JsonProcessingException ex) {
            onProblem.accept(problem(null, line, "not a JSON object: " + ex.getOriginalMessage()));
            return;
        }
        if (!node.isObject()) {
            onProblem.accept(problem(null, line, "not a JSON object: {\"key\": \"...\", \"args\": {...}} expected"));
            return;
        }
        final JsonNode key = node.get(KEY_COLUMN);
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            onProblem.accept(problem(null, line, "no \"key\": every task needs a non-empty string key"));
            return;
        }
        final JsonNode args = node.get("args");
        if (args == null || !args.isObject()) {
            onProblem.accept(problem(key.asText(), line, "\"args\" of task " + key.asText() + " is not a JSON object"));
            return;
        }
        task(line, key.asText(), (ObjectNode) args, onTask, onProblem);
    }

    private void readCsv(final Consumer<TaskLine> onTask, final Consumer<InputProblem> onProblem) {
        try (CsvRows rows = CsvRows.open(file)) {
            final CsvRecord headerRecord = rows.next();
            if (headerRecord == null) {
                return;
            }
            final List<String> header = CsvRows.stripped(headerRecord);
            final int keyColumn = header.indexOf(KEY_COLUMN);
            if (keyColumn < 0) {
                throw new InputException(
                        file, "input " + file + " has no '" + KEY_COLUMN + "' column (its columns: " + header + ")");
            }
            for (CsvRecord record; (record = rows.next()) != null; ) {
                csvRecord(record, header, keyColumn, onTask, onProblem);
            }
        }
    }

    private void csvRecord(
            final CsvRecord record,
            final List<String> header,
            final int keyColumn,
            final Consumer<TaskLine> onTask,
            final Consumer<InputProblem> onProblem) {
        final long line = record.getStartingLineNumber();
        final List<String> cells = CsvRows.stripped(record);
        final String key = keyColumn < cells.size() ? cells.get(keyColumn) : "";
        if (key.isEmpty()) {
            onProblem.accept(problem(null, line, "no key: the '" + KEY_COLUMN + "' cell is empty"));
            return;
        }
        if (cells.size() != header.size()) {
            onProblem.accept(problem(
                    key, line, "task " + key + " has " + cells.size() + " cells; the header has " + header.size()));
            return;
        }
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < cells.size(); i++) {
            final String cell = cells.get(i);
            if (i == keyColumn || cell.isEmpty()) {
                continue;
            }
            try {
                args.set(header.get(i), cellValue(cell));
            } catch (final JsonProcessingException ex) {
                onProblem.accept(problem(
                        key,
                        line,
                        "column " + header.get(i) + " of task " + key + " is not valid JSON: "
                                + ex.getOriginalMessage()));
                return;
            }
        }
        task(line, key, args, onTask, onProblem);
    }

    /** @return a JSON array or object as JSON, a number as a number, else the text as a string. */
    static JsonNode cellValue(final String cell) throws JsonProcessingException {
        final char first = cell.charAt(0);
        if (first == '[' || first == '{') {
            return JSON.readTree(cell);
        }
        if (NUMBER.matcher(cell).matches()) {
            return JSON.readTree(cell);
        }
        return JsonNodeFactory.instance.textNode(cell);
    }

    private void task(
            final long line,
            final String key,
            final ObjectNode args,
            final Consumer<TaskLine> onTask,
            final Consumer<InputProblem> onProblem) {
        final Long earlier = keyLines.putIfAbsent(key, line);
        if (earlier != null) {
            onProblem.accept(problem(key, line, "key " + key + " repeats line " + earlier + "; keys must be unique"));
            return;
        }
        onTask.accept(new TaskLine(line, key, args));
    }

    private static InputProblem problem(final String key, final long line, final String message) {
        return new InputProblem(key, line, "line " + line + ": " + message);
    }
}
