package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file opened for reading flat columns, row group by row group (memory: one row group's pages of the
 * columns read).
 */
final class ParquetTable implements AutoCloseable {
    private final Path file;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private PageReadStore rowGroup;
    private ColumnReadStoreImpl columns;

    private ParquetTable(Path file, ParquetFileReader reader) {
        this.file = file;
        this.reader = reader;
        this.schema = reader.getFileMetaData().getSchema();
    }

    /**
     * @throws InputException when the file cannot be read as Parquet, or uses a compression codec that is not
     *                        supported
     */
    static ParquetTable open(Path file) {
        if (!hasMagic(file)) {
            throw new InputException(
                    file,
                    "input " + file + " is not a Parquet file (it does not start and end with the bytes PAR1);"
                            + " give a Parquet file written by pandas.DataFrame.to_parquet, pyarrow or Spark,"
                            + " or a CSV named other than *.parquet");
        }
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    file,
                    "input " + file + " is not a readable Parquet file (" + e.getMessage()
                            + "); write it with pandas.DataFrame.to_parquet, pyarrow or Spark, or give a CSV",
                    e);
        }
        ParquetTable table = new ParquetTable(file, reader);
        table.requireCodecs();
        return table;
    }

    private static boolean hasMagic(Path file) {
        try (java.nio.channels.SeekableByteChannel in = java.nio.file.Files.newByteChannel(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(4);
            if (in.size() < 12) {
                return false;
            }
            in.read(head);
            in.position(in.size() - 4);
            in.read(tail);
            return new String(head.array(), java.nio.charset.StandardCharsets.US_ASCII).equals("PAR1")
                    && new String(tail.array(), java.nio.charset.StandardCharsets.US_ASCII).equals("PAR1");
        } catch (IOException e) {
            throw new InputException(file, "input " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void requireCodecs() {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (!PureJavaCodecs.supports(chunk.getCodec())) {
                    close();
                    throw new InputException(
                            file,
                            "input " + file + ": column '" + chunk.getPath().toDotString() + "' is compressed with "
                                    + chunk.getCodec() + ", which cannot be read here; write the file with"
                                    + " compression SNAPPY, ZSTD, GZIP, LZ4_RAW or none");
                }
            }
        }
    }

    Path file() {
        return file;
    }

    /** The names of the top-level columns, in file order. */
    List<String> columnNames() {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    /** The top-level field named {@code name}, or null. */
    Type field(String name) {
        return schema.containsField(name) ? schema.getType(name) : null;
    }

    long rowCount() {
        return reader.getRecordCount();
    }

    /** Moves to the next row group; false after the last. */
    boolean nextRowGroup() {
        try {
            rowGroup = reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    file, "input " + file + " cannot be read: " + e.getMessage() + " (is the file complete?)", e);
        }
        if (rowGroup == null) {
            return false;
        }
        columns = new ColumnReadStoreImpl(
                rowGroup, new IgnoredRecords(), schema, reader.getFileMetaData().getCreatedBy());
        return true;
    }

    /** Rows in the current row group. */
    long rowGroupRows() {
        return rowGroup.getRowCount();
    }

    /** A cursor over the named flat column in the current row group. */
    ColumnCursor cursor(String name) {
        ColumnDescriptor d = schema.getColumnDescription(new String[] {name});
        return new ColumnCursor(columns.getColumnReader(d), d.getMaxDefinitionLevel(), d.getPrimitiveType());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    /** Columns are read through their column readers only; whole records are never assembled. */
    private static final class IgnoredRecords extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {};
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }
}
