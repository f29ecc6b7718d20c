package forecastfarm.shared.status;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The key (the series id) of the task each worker slot is running, in {@code status.dat} after the counters, so that
 * {@code farm inspect} can name it: the counters hold only numbers, and the task id is an index the launcher alone
 * can map to a key. One {@link #RECORD_LENGTH}-byte record per slot, written by that slot's worker only, read by
 * anyone, with a sequence lock instead of a lock: the writer makes the sequence odd, writes, then makes it even; a
 * reader retries a read that saw an odd or changed sequence, and gives up after {@link #READ_ATTEMPTS} (a worker
 * killed mid-write leaves the sequence odd until the slot's next worker writes). Neither side ever waits on the
 * other.
 *
 * <pre>
 *   0: sequence (long)   8: task id (long)   16: key length in bytes (int)   20: key bytes, UTF-8, at most
 *   {@link #MAX_KEY_BYTES} (a longer key is cut at a character boundary and read back with a trailing "...")
 * </pre>
 */
public final class CurrentTaskKeys {
    public static final int RECORD_LENGTH = 128;
    static final int SEQUENCE_OFFSET = 0;
    static final int TASK_ID_OFFSET = 8;
    static final int LENGTH_OFFSET = 16;
    static final int KEY_OFFSET = 20;
    public static final int MAX_KEY_BYTES = RECORD_LENGTH - KEY_OFFSET;
    static final int READ_ATTEMPTS = 1_000;

    private final AtomicBuffer buffer;
    private final int workerSlots;

    /**
     * @param buffer the records of every slot, {@code workerSlots * RECORD_LENGTH} bytes.
     */
    CurrentTaskKeys(final AtomicBuffer buffer, final int workerSlots) {
        this.buffer = buffer;
        this.workerSlots = workerSlots;
    }

    /** A slot's task: its id (as in {@link WorkerCounter#TASK_ID}) and its key. */
    public record CurrentTask(long taskId, String key) {}

    /**
     * Publishes the task a slot's worker starts now; only that worker may call it.
     */
    public void publish(final int slot, final long taskId, final String key) {
        final int record = offset(slot);
        final byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        final int kept = keptLength(bytes);
        final long sequence = buffer.getLong(record + SEQUENCE_OFFSET);
        final long writing = (sequence & 1) == 0 ? sequence + 1 : sequence + 2;
        buffer.putLongVolatile(record + SEQUENCE_OFFSET, writing);
        buffer.putLong(record + TASK_ID_OFFSET, taskId);
        buffer.putInt(record + LENGTH_OFFSET, bytes.length);
        buffer.putBytes(record + KEY_OFFSET, bytes, 0, kept);
        buffer.putLongOrdered(record + SEQUENCE_OFFSET, writing + 1);
    }

    /**
     * @return the task the slot's worker last published, or null when it published none yet, or its record was
     *     changing through every attempt (or left half-written by a killed worker).
     */
    public CurrentTask read(final int slot) {
        final int record = offset(slot);
        final byte[] bytes = new byte[MAX_KEY_BYTES];
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            final long before = buffer.getLongVolatile(record + SEQUENCE_OFFSET);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            if (before == 0) {
                return null;
            }
            final long taskId = buffer.getLong(record + TASK_ID_OFFSET);
            final int length = buffer.getInt(record + LENGTH_OFFSET);
            final int kept = Math.max(0, Math.min(length, MAX_KEY_BYTES));
            buffer.getBytes(record + KEY_OFFSET, bytes, 0, kept);
            VarHandle.acquireFence();
            if (buffer.getLongVolatile(record + SEQUENCE_OFFSET) == before) {
                final String key = new String(bytes, 0, kept, StandardCharsets.UTF_8);
                return new CurrentTask(taskId, kept < length ? key + "..." : key);
            }
        }
        return null;
    }

    /** How many of the key's bytes fit, cut before a UTF-8 continuation byte so that no character is split. */
    private static int keptLength(final byte[] bytes) {
        if (bytes.length <= MAX_KEY_BYTES) {
            return bytes.length;
        }
        int kept = MAX_KEY_BYTES;
        while (kept > 0 && (bytes[kept] & 0xC0) == 0x80) {
            kept--;
        }
        return kept;
    }

    private int offset(final int slot) {
        if (slot < 0 || slot >= workerSlots) {
            throw new IllegalArgumentException("worker slot " + slot + " out of range 0.." + (workerSlots - 1));
        }
        return slot * RECORD_LENGTH;
    }
}
