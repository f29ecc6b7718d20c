package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.InputException;
import java.nio.file.Path;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Which Parquet column types can hold times, values and ids, with the error for each other type. */
final class ParquetTypes {
    private ParquetTypes() {}

    /** The flat column {@code name} of {@code type}, or an error naming the file, the column and its type. */
    static PrimitiveType flat(Path file, Type type, String role) {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new InputException(
                    file,
                    "input " + file + ": column '" + type.getName() + "' (" + role + ") is a nested or repeated"
                            + " column (" + describe(type) + "); it must hold one value per row");
        }
        return type.asPrimitiveType();
    }

    /** How a time column's values become ds labels; throws for a type that cannot hold times. */
    static DsLabels.Kind timeKind(Path file, Type type) {
        PrimitiveType p = flat(file, type, "time");
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DsLabels.Kind.DATE;
                }
                if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
                    return DsLabels.Kind.INTEGER;
                }
                break;
            case INT64:
                if (logical instanceof TimestampLogicalTypeAnnotation ts) {
                    return ts.isAdjustedToUTC() ? DsLabels.Kind.INSTANT : DsLabels.Kind.LOCAL;
                }
                if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
                    return DsLabels.Kind.INTEGER;
                }
                break;
            case BINARY:
                if (logical == null || logical instanceof StringLogicalTypeAnnotation) {
                    return DsLabels.Kind.STRING;
                }
                break;
            case INT96:
                throw new InputException(
                        file,
                        "input " + file + ": time column '" + p.getName() + "' is an INT96 timestamp (a legacy"
                                + " Spark/Impala type); write it as a TIMESTAMP column (Spark:"
                                + " spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS; pyarrow does by default)");
            default:
                break;
        }
        throw new InputException(
                file,
                "input " + file + ": time column '" + p.getName() + "' is " + describe(p)
                        + "; a time column must be a DATE, a TIMESTAMP, an integer or a string column"
                        + " (or name another one with --time-col)");
    }

    /** Checks that a value column holds numbers. */
    static PrimitiveType valueColumn(Path file, Type type, String seriesWord) {
        PrimitiveType p = flat(file, type, seriesWord);
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        boolean numeric = switch (p.getPrimitiveTypeName()) {
            case DOUBLE, FLOAT -> true;
            case INT32, INT64 -> logical == null || logical instanceof IntLogicalTypeAnnotation;
            default -> false;
        };
        if (!numeric) {
            throw new InputException(
                    file,
                    "input " + file + ": column '" + p.getName() + "' (" + seriesWord + ") is " + describe(p)
                            + "; values must be DOUBLE, FLOAT, INT32 or INT64 columns (nulls are missing values)");
        }
        return p;
    }

    /** Checks that an id column holds strings or integers. */
    static void idColumn(Path file, Type type) {
        PrimitiveType p = flat(file, type, "series id");
        boolean ok = switch (p.getPrimitiveTypeName()) {
            case BINARY ->
                p.getLogicalTypeAnnotation() == null
                        || p.getLogicalTypeAnnotation() instanceof StringLogicalTypeAnnotation;
            case INT32, INT64 ->
                p.getLogicalTypeAnnotation() == null
                        || p.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation;
            default -> false;
        };
        if (!ok) {
            throw new InputException(
                    file,
                    "input " + file + ": series id column '" + p.getName() + "' is " + describe(p)
                            + "; ids must be a string or an integer column (or name another one with --id-col)");
        }
    }

    static String describe(Type type) {
        if (!type.isPrimitive()) {
            return "a group";
        }
        PrimitiveType p = type.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return p.getPrimitiveTypeName() + (logical == null ? "" : " (" + logical + ")");
    }
}
