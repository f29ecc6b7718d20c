package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.OrderedRows;
import forecastfarm.launcher.io.Series;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merged output file (forecasts.csv, failed.csv). Given the input's series positions ({@code farm merge --input}),
 * its rows are put in input order through an {@link OrderedRows} (bounded memory, sorted runs spilled next to the
 * file; ids the input lacks go last); without them, rows are written as read, shard after shard.
 */
final class OrderedOutput implements AutoCloseable {
    private final CsvTable.Writer writer;
    private final OrderedRows order;
    private final Map<String, Long> positions;

    /**
     * @param positions id to position in the input, or null to keep the rows as read.
     */
    OrderedOutput(final Path file, final List<String> header, final Map<String, Long> positions) throws IOException {
        this.writer = new CsvTable.Writer(file, header);
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

    /** A row whose first field is its series id. */
    void row(final List<String> fields) throws IOException {
        if (order == null) {
            writer.row(fields);
        } else {
            final Long position = fields.isEmpty() ? null : positions.get(fields.get(0));
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
