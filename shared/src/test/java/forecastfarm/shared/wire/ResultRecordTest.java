package forecastfarm.shared.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultRecordTest {

    static void assertSameRecord(ResultRecord expected, ResultRecord actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.attempts(), actual.attempts());
        assertEquals(expected.workerSlot(), actual.workerSlot());
        assertEquals(expected.workerGeneration(), actual.workerGeneration());
        assertEquals(expected.startEpochMs(), actual.startEpochMs());
        assertEquals(expected.wallNs(), actual.wallNs());
        assertEquals(expected.cpuNs(), actual.cpuNs());
        assertEquals(expected.reason(), actual.reason());
        assertArrayEquals(expected.payload(), actual.payload());
    }

    @Test
    void everyStatusRoundTrips() {
        for (TaskStatus status : TaskStatus.values()) {
            ResultRecord record = new ResultRecord(
                    status,
                    3,
                    7,
                    11,
                    1_700_000_000_123L,
                    123_456_789L,
                    98_765L,
                    status == TaskStatus.OK ? "" : "worker died: killed by signal 9 (SIGKILL) ✓",
                    new byte[] {1, -2, 3});
            assertSameRecord(record, ResultRecord.decode(record.encode()));
        }
    }

    @Test
    void emptyPayloadAndLargePayloadRoundTrip() {
        ResultRecord empty = new ResultRecord(TaskStatus.FAILED, 1, 0, 0, 0, 0, 0, "", new byte[0]);
        assertSameRecord(empty, ResultRecord.decode(empty.encode()));
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 0x5a);
        ResultRecord large = new ResultRecord(TaskStatus.OK, 1, 0, 0, 0, 0, 0, "", big);
        assertSameRecord(large, ResultRecord.decode(large.encode()));
    }

    @Test
    void longReasonIsBounded() {
        String reason = "x".repeat(ResultRecord.MAX_REASON_CHARS + 500);
        ResultRecord decoded = ResultRecord.decode(
                new ResultRecord(TaskStatus.POISONED, 3, 1, 2, 3, 4, 5, reason, new byte[0]).encode());
        assertEquals(ResultRecord.MAX_REASON_CHARS, decoded.reason().length());
        assertEquals(reason.substring(0, ResultRecord.MAX_REASON_CHARS), decoded.reason());
    }

    @Test
    void truncatedRecordIsRejected() {
        byte[] full = new ResultRecord(TaskStatus.OK, 1, 2, 3, 4, 5, 6, "why", new byte[] {9, 9}).encode();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            assertThrows(IllegalArgumentException.class, () -> ResultRecord.decode(cut), "length " + length);
        }
    }

    /**
     * BUG (reported): TaskStatus.of indexes values() unchecked, so a corrupt status byte gives
     * ArrayIndexOutOfBoundsException, not the IllegalArgumentException PayloadReader promises for corrupt payloads.
     */
    @Test
    void corruptStatusIsRejectedAsIllegalArgument() {
        byte[] bytes = new ResultRecord(TaskStatus.OK, 1, 2, 3, 4, 5, 6, "", new byte[0]).encode();
        bytes[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> ResultRecord.decode(bytes));
    }
}
