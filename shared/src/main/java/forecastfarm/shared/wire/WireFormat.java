package forecastfarm.shared.wire;

/**
 * The queue message formats. Each message is one Chronicle document of raw bytes (little-endian), first a type byte.
 *
 * <pre>
 * Task ('T'):   type:byte | taskId:long | attempt:int | job:utf8 | kind:utf8 | key:utf8 | payloadLength:int
 *               | payload:bytes
 * Stop ('S'):   type:byte
 * Result ('R'): type:byte | taskId:long | status:byte | startEpochMs:long | wallNs:long | cpuNs:long | job:utf8
 *               | key:utf8
 *               | kind:utf8 | error:utf8 | payloadLength:int | payload:bytes
 * </pre>
 * utf8 is Chronicle Bytes' stop-bit length-prefixed UTF-8 ({@code writeUtf8}).
 */
public final class WireFormat {
    public static final byte TASK = 'T';
    public static final byte STOP = 'S';
    public static final byte RESULT = 'R';

    private WireFormat() {}
}
