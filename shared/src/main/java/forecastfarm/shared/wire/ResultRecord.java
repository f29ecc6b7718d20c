package forecastfarm.shared.wire;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;

/**
 * The value stored in the results map for one key.
 * Layout: status:byte | attempts:int | workerSlot:int | workerGeneration:int | startEpochMs:long | wallNs:long
 * | cpuNs:long | reason:string | payload:bytes.
 *
 * @param reason empty for OK; the handler's error for FAILED; the cause of the workers' deaths for POISONED.
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
        byte[] payload) {
    public static final int MAX_REASON_CHARS = 1000;

    public byte[] encode() {
        final String boundedReason =
                reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        return new PayloadWriter(64 + payload.length + boundedReason.length())
                .putByte(status.ordinal())
                .putInt(attempts)
                .putInt(workerSlot)
                .putInt(workerGeneration)
                .putLong(startEpochMs)
                .putLong(wallNs)
                .putLong(cpuNs)
                .putString(boundedReason)
                .putBytes(payload)
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
                in.getBytes());
    }
}
