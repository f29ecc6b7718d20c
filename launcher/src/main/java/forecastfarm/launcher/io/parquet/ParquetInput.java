package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputFormat;
import java.nio.file.Path;

/**
 * The Parquet side of input detection: {@link InputFormat} calls here only for a file that is Parquet, so that
 * reading a CSV never loads a Parquet class.
 */
public final class ParquetInput {
    private ParquetInput() {}

    /**
     * {@link InputFormat#LONG} when the file has the series id column, else {@link InputFormat#WIDE} when it has a
     * time column and at least one other column.
     */
    public static InputFormat detect(Path file, String idCol, String timeCol) {
        try (ParquetTable table = ParquetTable.open(file)) {
            if (table.columnNames().contains(idCol)) {
                return InputFormat.LONG;
            }
            if (table.columnNames().size() >= 2) {
                ParquetTypes.timeKind(file, table.field(ParquetWideReader.timeColumn(table, timeCol)));
                return InputFormat.WIDE;
            }
            throw new InputException(
                    file,
                    "cannot tell the layout of input " + file + "; its only column is '"
                            + table.columnNames().get(0) + "'. Long needs columns '" + idCol
                            + "', a time and a value column (name them with --id-col, --time-col, --value-col);"
                            + " wide needs a time column, then one column per series");
        }
    }
}
