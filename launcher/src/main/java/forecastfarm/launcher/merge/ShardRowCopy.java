package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.ShardFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * and a series in a shard its id does not hash to is copied but counted as misplaced.
 */
final class ShardRowCopy {
    static final int EXAMPLES = 20;

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
        final Set<String> local = new HashSet<>();
        try {
            CsvTable.read(forecastsCsv, h -> {}, f -> copyRow(index, local, f, forecasts));
            CsvTable.read(failedCsv, h -> {}, f -> copyRow(index, local, f, failed));
        } catch (final UncheckedIOException ex) {
            throw ex.getCause();
        }
        for (final String id : local) {
            if (seen.add(id)) {
                firstShardOf.put(id, index);
            }
        }
    }

    private void copyRow(final int index, final Set<String> local, final List<String> fields, final OrderedOutput out) {
        final String id = fields.isEmpty() ? "" : fields.get(0);
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
            out.row(fields);
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
