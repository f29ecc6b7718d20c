package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.OrderedRows;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TaskFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merged output file (forecasts.csv, failed.csv, or results.jsonl of {@code farm run} shards). Given the input's
 * series positions ({@code farm merge --input}), its rows are put in input order through an {@link OrderedRows}
 * (bounded memory, sorted runs spilled next to the file; ids the input lacks go last); without them, rows are written
 * as read, shard after shard.
 */
final class OrderedOutput implements AutoCloseable {
    /** Where the rows end: a CSV file, or results.jsonl (one field per row: the line). */
    private interface Sink {
        void row(List<String> fields) throws IOException;

        void close() throws IOException;

        void abort();
    }

    private final Sink writer;
    private final OrderedRows order;
    private final Map<String, Long> positions;

    /**
     * A CSV file with {@code header}.
     *
     * @param positions id to position in the input, or null to keep the rows as read.
     */
    OrderedOutput(final Path file, final List<String> header, final Map<String, Long> positions) throws IOException {
        this(file, csv(new CsvTable.Writer(file, header)), positions);
    }

    private OrderedOutput(final Path file, final Sink writer, final Map<String, Long> positions) {
        this.writer = writer;
        this.positions = positions;
        this.order = positions == null
                ? null
                : new OrderedRows(
                        file.toAbsolutePath().getParent(),
                        file.getFileName().toString(),
                        OrderedRows.DEFAULT_BUFFER_BYTES,
                        fields -> writer.row(List.of(fields)));
    }

    /**
     * A results.jsonl: each row is one field, the line as {@link ResultsJsonl#line} builds it, given with its key
     * through {@link #row(String, List)}.
     */
    static OrderedOutput resultsJsonl(final Path file, final Map<String, Long> positions) throws IOException {
        final ResultsJsonl out = new ResultsJsonl(file);
        return new OrderedOutput(
                file,
                new Sink() {
                    @Override
                    public void row(final List<String> fields) throws IOException {
                        out.write(fields.get(0));
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }

                    @Override
                    public void abort() {
                        out.abort();
                    }
                },
                positions);
    }

    private static Sink csv(final CsvTable.Writer csv) {
        return new Sink() {
            @Override
            public void row(final List<String> fields) throws IOException {
                csv.row(fields);
            }

            @Override
            public void close() throws IOException {
                csv.close();
            }

            @Override
            public void abort() {
                csv.abort();
            }
        };
    }

    /**
     * @return each series id of the input (valid or not) to its position, in input order.
     */
    static Map<String, Long> positions(final LongCsvReader reader, final Path input) {
        final Map<String, Long> positions = new LinkedHashMap<>();
        reader.read(input, (Series s) -> positions.putIfAbsent(s.id(), (long) positions.size()), (InputProblem p) -> {
            if (p.seriesId() != null) {
                positions.putIfAbsent(p.seriesId(), (long) positions.size());
            }
        });
        return positions;
    }

    /**
     * @return each key of a task file ({@code farm run --input}: tasks.jsonl or tasks.csv) to its position, in file
     *     order, the keys of invalid records included.
     */
    static Map<String, Long> taskPositions(final Path input) {
        final Map<String, Long> positions = new LinkedHashMap<>();
        TaskFileReader.read(input, t -> positions.putIfAbsent(t.key(), (long) positions.size()), p -> {
            if (p.seriesId() != null) {
                positions.putIfAbsent(p.seriesId(), (long) positions.size());
            }
        });
        return positions;
    }

    /** A row whose first field is its series id. */
    void row(final List<String> fields) throws IOException {
        row(fields.isEmpty() ? null : fields.get(0), fields);
    }

    /** A row of the series or task {@code id} (null: none; such rows go last when ordered). */
    void row(final String id, final List<String> fields) throws IOException {
        if (order == null) {
            writer.row(fields);
        } else {
            final Long position = id == null ? null : positions.get(id);
            order.add(position == null ? Long.MAX_VALUE : position, fields.toArray(String[]::new));
        }
    }

    void abort() {
        if (order != null) {
            order.abort();
        }
        writer.abort();
    }

    @Override
    public void close() throws IOException {
        if (order != null) {
            order.finish();
        }
        writer.close();
    }
}
