package forecastfarm.launcher.io.parquet;

import static forecastfarm.launcher.io.parquet.ParquetFixtures.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsLabelsTest {
    @TempDir
    Path dir;

    private List<String> labels(Type column, long... values) throws IOException {
        Object[][] rows = new Object[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new Object[] {values[i]};
        }
        Path file = ParquetFixtures.write(dir.resolve(column.getName() + ".parquet"), List.of(column), List.of(rows));
        try (ParquetTable table = ParquetTable.open(file)) {
            DsLabels ds = new DsLabels(ParquetTypes.timeKind(file, column), column.asPrimitiveType());
            while (table.nextRowGroup()) {
                ColumnCursor c = table.cursor(column.getName());
                for (long i = 0; i < table.rowGroupRows(); i++, c.next()) {
                    ds.add(c);
                }
            }
            return ds.labels();
        }
    }

    @Test
    void wallClockHoursInEachUnit() throws IOException {
        long hourNanos = 3_600_000_000_000L;
        long t0 = 1_704_067_200L; // 2024-01-01T00:00:00Z
        assertEquals(
                List.of("2024-01-01 00:00:00", "2024-01-01 01:00:00"),
                labels(
                        timestamp("nanos", false, TimeUnit.NANOS),
                        t0 * 1_000_000_000L,
                        t0 * 1_000_000_000L + hourNanos));
        assertEquals(
                List.of("2024-01-01 00:00:00", "2024-01-01 01:00:00"),
                labels(timestamp("millis", false, TimeUnit.MILLIS), t0 * 1000, t0 * 1000 + 3_600_000));
    }

    @Test
    void instantsAreWrittenInUtcWithZ() throws IOException {
        long t0 = 1_704_067_200_000_000L;
        assertEquals(
                List.of("2024-01-01T00:30:00Z", "2024-01-01T01:30:00Z"),
                labels(timestamp("utc", true, TimeUnit.MICROS), t0 + 1_800_000_000L, t0 + 5_400_000_000L));
    }

    @Test
    void midnightTimestampsAreDates() throws IOException {
        long day = 86_400_000_000L;
        assertEquals(List.of("1969-12-31", "1970-01-01"), labels(timestamp("d", true, TimeUnit.MICROS), -day, 0));
    }
}
