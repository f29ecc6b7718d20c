package forecastfarm.launcher.io.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Parquet files for tests, written with the production writer. */
public final class ParquetFixtures {
    private ParquetFixtures() {}

    public static Type string(String name) {
        return Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
    }

    public static Type float64(String name) {
        return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
    }

    public static Type float32(String name) {
        return Types.optional(PrimitiveTypeName.FLOAT).named(name);
    }

    public static Type int64(String name) {
        return Types.optional(PrimitiveTypeName.INT64).named(name);
    }

    public static Type int32(String name) {
        return Types.optional(PrimitiveTypeName.INT32).named(name);
    }

    public static Type date(String name) {
        return Types.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(name);
    }

    public static Type timestamp(String name, boolean utc, TimeUnit unit) {
        return Types.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(utc, unit))
                .named(name);
    }

    /** Writes {@code rows} (values as {@link ParquetRowWriter} takes them) under {@code columns}. */
    public static Path write(Path file, List<Type> columns, List<Object[]> rows) throws IOException {
        MessageType schema = new MessageType("table", columns);
        try (ParquetRowWriter w = new ParquetRowWriter(file, schema, Map.of())) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
        return file;
    }

    /** The rows read back, each cell as the reader's labels and doubles show it. */
    public static List<String> rows(Path parquet, String... columns) {
        List<String> rows = new ArrayList<>();
        try (ParquetTable t = ParquetTable.open(parquet)) {
            while (t.nextRowGroup()) {
                List<ColumnCursor> cs = new ArrayList<>();
                for (String c : columns) {
                    cs.add(t.cursor(c));
                }
                for (long i = 0; i < t.rowGroupRows(); i++) {
                    StringBuilder row = new StringBuilder();
                    for (int k = 0; k < cs.size(); k++) {
                        ColumnCursor c = cs.get(k);
                        String type = t.field(columns[k])
                                .asPrimitiveType()
                                .getPrimitiveTypeName()
                                .name();
                        row.append(k == 0 ? "" : ",")
                                .append(
                                        c.isNull()
                                                ? "null"
                                                : type.equals("BINARY")
                                                        ? c.stringValue()
                                                        : type.equals("DOUBLE")
                                                                ? Double.toString(c.doubleValue())
                                                                : Long.toString(c.longValue()));
                        c.next();
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
