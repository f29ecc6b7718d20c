package forecastfarm.launcher.io.parquet;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.PrimitiveType;

/** The values of one flat (optional or required) column in one row group, one row at a time. */
final class ColumnCursor {
    private final ColumnReader reader;
    private final int maxDefinitionLevel;
    private final PrimitiveType.PrimitiveTypeName type;

    ColumnCursor(ColumnReader reader, int maxDefinitionLevel, PrimitiveType type) {
        this.reader = reader;
        this.maxDefinitionLevel = maxDefinitionLevel;
        this.type = type.getPrimitiveTypeName();
    }

    boolean isNull() {
        return reader.getCurrentDefinitionLevel() < maxDefinitionLevel;
    }

    /** A DOUBLE, FLOAT, INT32 or INT64 value as a double. */
    double doubleValue() {
        return switch (type) {
            case DOUBLE -> reader.getDouble();
            case FLOAT -> reader.getFloat();
            case INT32 -> reader.getInteger();
            default -> reader.getLong();
        };
    }

    /** An INT32 or INT64 value. */
    long longValue() {
        return type == PrimitiveType.PrimitiveTypeName.INT32 ? reader.getInteger() : reader.getLong();
    }

    String stringValue() {
        return reader.getBinary().toStringUsingUTF8();
    }

    /** Moves to the next row. */
    void next() {
        reader.consume();
    }
}
