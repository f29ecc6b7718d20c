package forecastfarm.shared.wire;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes {@link ResultSink} calls to a worker's result queue; see {@link WireFormat}.
 */
public final class ResultProxy implements ResultSink {
    private final ExcerptAppender appender;

    public ResultProxy(final ExcerptAppender appender) {
        this.appender = appender;
    }

    @Override
    public void onResult(final TaskResult result) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(WireFormat.RESULT);
            bytes.writeLong(result.taskId());
            bytes.writeByte((byte) result.status().ordinal());
            bytes.writeLong(result.startEpochMs());
            bytes.writeLong(result.wallNs());
            bytes.writeLong(result.cpuNs());
            bytes.writeUtf8(result.job());
            bytes.writeUtf8(result.key());
            bytes.writeUtf8(result.kind());
            bytes.writeUtf8(result.error());
            bytes.writeInt(result.payload().length);
            bytes.write(result.payload());
        }
    }
}
