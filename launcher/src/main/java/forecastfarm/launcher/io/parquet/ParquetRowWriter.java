package forecastfarm.launcher.io.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes rows of flat columns to a Parquet file (Snappy pages, row groups of {@link #ROW_GROUP_BYTES}, so memory
 * stays bounded whatever the number of rows). A row is an {@code Object[]} in schema order: a {@link String} for a
 * BINARY column, a {@link Number} for INT32, INT64, FLOAT and DOUBLE, a {@code byte[]} for INT96 and fixed-length
 * columns, null for a null (optional columns only).
 */
public final class ParquetRowWriter implements AutoCloseable {
    /** Row group size: what is buffered before it is written. */
    static final long ROW_GROUP_BYTES = 32L * 1024 * 1024;

    private final ParquetWriter<Object[]> writer;

    /** @param keyValue the file's key-value metadata */
    public ParquetRowWriter(Path file, MessageType schema, Map<String, String> keyValue) throws IOException {
        this.writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, keyValue))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    public void write(Object[] row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(LocalOutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final Map<String, String> keyValue;
        private RecordConsumer out;

        RowWriteSupport(MessageType schema, Map<String, String> keyValue) {
            this.schema = schema;
            this.keyValue = Map.copyOf(keyValue);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, keyValue);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema, keyValue);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    continue;
                }
                Type field = schema.getType(i);
                out.startField(field.getName(), i);
                add(field.asPrimitiveType().getPrimitiveTypeName(), row[i]);
                out.endField(field.getName(), i);
            }
            out.endMessage();
        }

        private void add(PrimitiveType.PrimitiveTypeName type, Object v) {
            switch (type) {
                case BINARY -> out.addBinary(Binary.fromString((String) v));
                case INT32 -> out.addInteger(((Number) v).intValue());
                case INT64 -> out.addLong(((Number) v).longValue());
                case FLOAT -> out.addFloat(((Number) v).floatValue());
                case DOUBLE -> out.addDouble(((Number) v).doubleValue());
                case INT96, FIXED_LEN_BYTE_ARRAY -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
                default -> throw new IllegalArgumentException("unsupported column type " + type);
            }
        }
    }
}
