package forecastfarm.shared.wire;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes {@link TaskSink} calls to a worker's task queue; see {@link WireFormat}.
 */
public final class TaskProxy implements TaskSink {
    private final ExcerptAppender appender;

    public TaskProxy(final ExcerptAppender appender) {
        this.appender = appender;
    }

    @Override
    public void onTask(final Task task) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(WireFormat.TASK);
            bytes.writeLong(task.taskId());
            bytes.writeInt(task.attempt());
            bytes.writeUtf8(task.job());
            bytes.writeUtf8(task.kind());
            bytes.writeUtf8(task.key());
            bytes.writeInt(task.payload().length);
            bytes.write(task.payload());
        }
    }

    @Override
    public void onStop() {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeByte(WireFormat.STOP);
        }
    }
}
