package forecastfarm.launcher.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.ShardFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the rows of the shards, one shard after another, into the merged outputs, keeping each series once: a
 * series already copied from a lower shard is skipped and counted as a duplicate (the first {@value #EXAMPLES} named),
 * and a series in a shard its id does not hash to is copied but counted as misplaced. The same holds for the tasks of
 * {@code farm run} shards, by key ({@link #copyRun}).
 */
final class ShardRowCopy {
    static final int EXAMPLES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int n;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Integer> firstShardOf = new HashMap<>();
    private final List<String> duplicateExamples = new ArrayList<>();
    private long duplicates;
    private long misplaced;

    /**
     * @param n the number of shards, to tell which shard an id hashes to.
     */
    ShardRowCopy(final int n) {
        this.n = n;
    }

    /**
     * Copies shard {@code index}'s rows: those of {@code forecastsCsv} to {@code forecasts}, those of {@code
     * failedCsv} to {@code failed}.
     */
    void copy(
            final int index,
            final Path forecastsCsv,
            final Path failedCsv,
            final OrderedOutput forecasts,
            final OrderedOutput failed)
            throws IOException {
        copy(index, List.of(forecastsCsv), List.of(forecasts), failedCsv, failed);
    }

    /**
     * Copies shard {@code index}'s rows: those of each of {@code dataCsvs} to the output at the same place in {@code
     * outputs} (cv.csv and cv_metrics.csv of a {@code farm cv} shard), those of {@code failedCsv} to {@code failed}.
     */
    void copy(
            final int index,
            final List<Path> dataCsvs,
            final List<OrderedOutput> outputs,
            final Path failedCsv,
            final OrderedOutput failed)
            throws IOException {
        final Set<String> local = new HashSet<>();
        try {
            for (int i = 0; i < dataCsvs.size(); i++) {
                final OrderedOutput out = outputs.get(i);
                CsvTable.read(dataCsvs.get(i), h -> {}, f -> copyRow(index, local, f, out));
            }
            CsvTable.read(failedCsv, h -> {}, f -> copyRow(index, local, f, failed));
        } catch (final UncheckedIOException ex) {
            throw ex.getCause();
        }
        done(index, local);
    }

    /**
     * Copies the lines of shard {@code index} of a {@code farm run} job: those of {@code resultsJsonl} to {@code
     * results} (keyed by their "key"; a line without one is copied unaccounted), those of {@code failedCsv} to {@code
     * failed}.
     */
    void copyRun(
            final int index,
            final Path resultsJsonl,
            final Path failedCsv,
            final OrderedOutput results,
            final OrderedOutput failed)
            throws IOException {
        final Set<String> local = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(resultsJsonl, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    copyRow(index, local, keyOf(line), List.of(line), results);
                }
            }
            CsvTable.read(failedCsv, h -> {}, f -> copyRow(index, local, f, failed));
        } catch (final UncheckedIOException ex) {
            throw ex.getCause();
        }
        done(index, local);
    }

    private static String keyOf(final String line) {
        try {
            final JsonNode key = JSON.readTree(line).get("key");
            return key != null && key.isTextual() ? key.asText() : "";
        } catch (final JsonProcessingException ex) {
            return "";
        }
    }

    private void done(final int index, final Set<String> local) {
        for (final String id : local) {
            if (seen.add(id)) {
                firstShardOf.put(id, index);
            }
        }
    }

    private void copyRow(final int index, final Set<String> local, final List<String> fields, final OrderedOutput out) {
        copyRow(index, local, fields.isEmpty() ? "" : fields.get(0), fields, out);
    }

    private void copyRow(
            final int index,
            final Set<String> local,
            final String id,
            final List<String> fields,
            final OrderedOutput out) {
        if (!id.isEmpty() && seen.contains(id)) {
            if (local.add(id)) {
                duplicates++;
                if (duplicateExamples.size() < EXAMPLES) {
                    duplicateExamples.add(id + " (shards " + firstShardOf.get(id) + " and " + index + ")");
                }
            }
            return;
        }
        if (!id.isEmpty() && local.add(id) && ShardFilter.shardOf(id, n) != index) {
            misplaced++;
        }
        try {
            out.row(id, fields);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The ids of the series copied so far. */
    Set<String> seen() {
        return seen;
    }

    long duplicates() {
        return duplicates;
    }

    List<String> duplicateExamples() {
        return duplicateExamples;
    }

    long misplaced() {
        return misplaced;
    }
}
