package forecastfarm.shared.wire;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a worker's result queue and turns each message into a {@link ResultSink} call.
 */
public final class ResultAdapter {
    private final ExcerptTailer tailer;
    private final ResultSink sink;

    public ResultAdapter(final ExcerptTailer tailer, final ResultSink sink) {
        this.tailer = tailer;
        this.sink = sink;
    }

    /**
     * @param limit the most results to deliver in this call.
     * @return how many results were delivered.
     */
    public int poll(final int limit) {
        int delivered = 0;
        while (delivered < limit) {
            final TaskResult result = readOne();
            if (result == null) {
                break;
            }
            sink.onResult(result);
            delivered++;
        }
        return delivered;
    }

    private TaskResult readOne() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final byte type = bytes.readByte();
            if (type != WireFormat.RESULT) {
                throw new IllegalStateException("unknown message type " + type + " in result queue");
            }
            final long taskId = bytes.readLong();
            final TaskStatus status = TaskStatus.of(bytes.readByte());
            final long startEpochMs = bytes.readLong();
            final long wallNs = bytes.readLong();
            final long cpuNs = bytes.readLong();
            final String job = bytes.readUtf8();
            final String key = bytes.readUtf8();
            final String kind = bytes.readUtf8();
            final String error = bytes.readUtf8();
            final byte[] payload = new byte[bytes.readInt()];
            bytes.read(payload);
            return new TaskResult(taskId, job, key, kind, status, startEpochMs, wallNs, cpuNs, error, payload);
        }
    }
}
