package forecastfarm.shared.wire;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a worker's task queue and turns each message into a {@link TaskSink} call.
 */
public final class TaskAdapter {
    private final ExcerptTailer tailer;
    private final TaskSink sink;

    public TaskAdapter(final ExcerptTailer tailer, final TaskSink sink) {
        this.tailer = tailer;
        this.sink = sink;
    }

    /**
     * @return true when a message was read and delivered, false when the queue has nothing new.
     */
    public boolean poll() {
        final Task task;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final byte type = bytes.readByte();
            if (type == WireFormat.STOP) {
                task = null;
            } else if (type == WireFormat.TASK) {
                final long taskId = bytes.readLong();
                final int attempt = bytes.readInt();
                final String job = bytes.readUtf8();
                final String kind = bytes.readUtf8();
                final String key = bytes.readUtf8();
                final byte[] payload = new byte[bytes.readInt()];
                bytes.read(payload);
                task = new Task(taskId, attempt, job, kind, key, payload);
            } else {
                throw new IllegalStateException("unknown message type " + type + " in task queue");
            }
        }
        // Delivered after the document is closed, so a slow task never holds the queue's read context.
        if (task == null) {
            sink.onStop();
        } else {
            sink.onTask(task);
        }
        return true;
    }
}
