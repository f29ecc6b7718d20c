package forecastfarm.shared.wire;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;

/**
 * The value stored in the results map for one key.
 * Layout: status:byte | attempts:int | workerSlot:int | workerGeneration:int | startEpochMs:long | wallNs:long
 * | cpuNs:long | reason:string | payload:bytes | kind:string.
 *
 * @param reason empty for OK; the handler's error for FAILED; the cause of the workers' deaths for POISONED.
 * @param kind   the task's kind ({@code forecast}, {@code json:NAME}, ...): what the payload is. Empty in a record
 *               written before kinds were recorded (a farm dir of an earlier build, read on resume or by inspect).
 */
public record ResultRecord(
        TaskStatus status,
        int attempts,
        int workerSlot,
        int workerGeneration,
        long startEpochMs,
        long wallNs,
        long cpuNs,
        String reason,
        byte[] payload,
        String kind) {
    public static final int MAX_REASON_CHARS = 1000;

    public byte[] encode() {
        final String boundedReason =
                reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        return new PayloadWriter(64 + payload.length + boundedReason.length() + kind.length())
                .putByte(status.ordinal())
                .putInt(attempts)
                .putInt(workerSlot)
                .putInt(workerGeneration)
                .putLong(startEpochMs)
                .putLong(wallNs)
                .putLong(cpuNs)
                .putString(boundedReason)
                .putBytes(payload)
                .putString(kind)
                .toByteArray();
    }

    public static ResultRecord decode(final byte[] bytes) {
        final PayloadReader in = new PayloadReader(bytes);
        return new ResultRecord(
                TaskStatus.of(in.getByte()),
                in.getInt(),
                in.getInt(),
                in.getInt(),
                in.getLong(),
                in.getLong(),
                in.getLong(),
                in.getString(),
                in.getBytes(),
                in.hasRemaining() ? in.getString() : "");
    }
}
