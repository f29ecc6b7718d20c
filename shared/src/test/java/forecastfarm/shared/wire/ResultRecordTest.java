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
        assertEquals(expected.kind(), actual.kind());
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
                    new byte[] {1, -2, 3},
                    "forecast");
            assertSameRecord(record, ResultRecord.decode(record.encode()));
        }
    }

    @Test
    void emptyPayloadAndLargePayloadRoundTrip() {
        ResultRecord empty = new ResultRecord(TaskStatus.FAILED, 1, 0, 0, 0, 0, 0, "", new byte[0], "forecast");
        assertSameRecord(empty, ResultRecord.decode(empty.encode()));
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 0x5a);
        ResultRecord large = new ResultRecord(TaskStatus.OK, 1, 0, 0, 0, 0, 0, "", big, "forecast");
        assertSameRecord(large, ResultRecord.decode(large.encode()));
    }

    @Test
    void longReasonIsBounded() {
        String reason = "x".repeat(ResultRecord.MAX_REASON_CHARS + 500);
        ResultRecord decoded = ResultRecord.decode(
                new ResultRecord(TaskStatus.POISONED, 3, 1, 2, 3, 4, 5, reason, new byte[0], "forecast").encode());
        assertEquals(ResultRecord.MAX_REASON_CHARS, decoded.reason().length());
        assertEquals(reason.substring(0, ResultRecord.MAX_REASON_CHARS), decoded.reason());
    }

    @Test
    void truncatedRecordIsRejected() {
        byte[] full = new ResultRecord(TaskStatus.OK, 1, 2, 3, 4, 5, 6, "why", new byte[] {9, 9}, "forecast").encode();
        // a record of an earlier build ends after the payload: that length is a whole record without a kind
        int withoutKind = full.length - (4 + "forecast".length());
        for (int length = 0; length < full.length; length++) {
            if (length == withoutKind) {
                continue;
            }
            byte[] cut = Arrays.copyOf(full, length);
            assertThrows(IllegalArgumentException.class, () -> ResultRecord.decode(cut), "length " + length);
        }
    }

    @Test
    void theKindRoundTripsAndARecordOfAnEarlierBuildHasNone() {
        ResultRecord json = new ResultRecord(TaskStatus.OK, 1, 0, 1, 2, 3, 4, "", "{}".getBytes(), "json:score");
        assertEquals("json:score", ResultRecord.decode(json.encode()).kind());
        byte[] full = json.encode();
        byte[] earlier = Arrays.copyOf(full, full.length - (4 + "json:score".length()));
        ResultRecord old = ResultRecord.decode(earlier);
        assertEquals("", old.kind());
        assertArrayEquals("{}".getBytes(), old.payload());
    }

    /**
     * BUG (reported): TaskStatus.of indexes values() unchecked, so a corrupt status byte gives
     * ArrayIndexOutOfBoundsException, not the IllegalArgumentException PayloadReader promises for corrupt payloads.
     */
    @Test
    void corruptStatusIsRejectedAsIllegalArgument() {
        byte[] bytes = new ResultRecord(TaskStatus.OK, 1, 2, 3, 4, 5, 6, "", new byte[0], "forecast").encode();
        bytes[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> ResultRecord.decode(bytes));
    }
}
