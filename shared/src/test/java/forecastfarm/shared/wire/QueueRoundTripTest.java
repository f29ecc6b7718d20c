package forecastfarm.shared.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire format through a real Chronicle queue, writer and reader in this one process. */
class QueueRoundTripTest {

    @TempDir
    Path dir;

    private final List<ChronicleQueue> opened = new ArrayList<>();

    private ChronicleQueue queue(String name) {
        ChronicleQueue queue = FarmQueues.open(dir.resolve(name));
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void close() {
        opened.forEach(ChronicleQueue::close);
    }

    /** Records what a TaskAdapter delivers; a null entry stands for a stop message. */
    static final class RecordingTaskSink implements TaskSink {
        final List<Task> received = new ArrayList<>();

        @Override
        public void onTask(Task task) {
            received.add(task);
        }

        @Override
        public void onStop() {
            received.add(null);
        }
    }

    static void assertSameTask(Task expected, Task actual) {
        assertEquals(expected.taskId(), actual.taskId());
        assertEquals(expected.attempt(), actual.attempt());
        assertEquals(expected.job(), actual.job());
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.key(), actual.key());
        assertArrayEquals(expected.payload(), actual.payload());
    }

    static void assertSameResult(TaskResult expected, TaskResult actual) {
        assertEquals(expected.taskId(), actual.taskId());
        assertEquals(expected.job(), actual.job());
        assertEquals(expected.key(), actual.key());
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.startEpochMs(), actual.startEpochMs());
        assertEquals(expected.wallNs(), actual.wallNs());
        assertEquals(expected.cpuNs(), actual.cpuNs());
        assertEquals(expected.error(), actual.error());
        assertArrayEquals(expected.payload(), actual.payload());
    }

    @Test
    void tasksThenStopArriveInOrder() {
        ChronicleQueue queue = queue("in");
        TaskProxy proxy = new TaskProxy(queue.createAppender());
        List<Task> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Task task = new Task(
                    i, 1 + i % 3, "job-" + (i % 4), i % 2 == 0 ? "forecast" : "noop", "series-" + i + "-ü", new byte[] {
                        (byte) i, 2, 3
                    });
            sent.add(task);
            proxy.onTask(task);
        }
        proxy.onTask(new Task(Long.MAX_VALUE, Integer.MAX_VALUE, "", "", "", new byte[0]));
        proxy.onStop();

        RecordingTaskSink sink = new RecordingTaskSink();
        TaskAdapter adapter = new TaskAdapter(queue.createTailer(), sink);
        int polled = 0;
        while (adapter.poll()) {
            polled++;
        }
        assertEquals(52, polled);
        assertEquals(52, sink.received.size());
        for (int i = 0; i < 50; i++) {
            assertSameTask(sent.get(i), sink.received.get(i));
        }
        assertSameTask(new Task(Long.MAX_VALUE, Integer.MAX_VALUE, "", "", "", new byte[0]), sink.received.get(50));
        assertEquals(null, sink.received.get(51), "the stop message comes last");
        assertFalse(adapter.poll(), "nothing more");
    }

    @Test
    void readerSeesMessagesWrittenAfterItStarted() {
        ChronicleQueue queue = queue("in");
        TaskProxy proxy = new TaskProxy(queue.createAppender());
        RecordingTaskSink sink = new RecordingTaskSink();
        TaskAdapter adapter = new TaskAdapter(queue.createTailer(), sink);
        assertFalse(adapter.poll());
        proxy.onTask(new Task(1, 1, "j", "noop", "a", new byte[] {1}));
        assertTrue(adapter.poll());
        assertFalse(adapter.poll());
        proxy.onStop();
        assertTrue(adapter.poll());
        assertEquals(2, sink.received.size());
        assertEquals("a", sink.received.get(0).key());
        assertEquals(null, sink.received.get(1));
    }

    /** 1 MB (10^6 bytes): a series of 125,000 points. */
    private static final int LARGE = 1_000_000;

    @Test
    void largeTaskPayload() {
        ChronicleQueue queue = queue("in");
        byte[] payload = new byte[LARGE];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + (i >> 11));
        }
        Task big = new Task(42, 1, "j", "forecast", "big", payload);
        new TaskProxy(queue.createAppender()).onTask(big);
        RecordingTaskSink sink = new RecordingTaskSink();
        assertTrue(new TaskAdapter(queue.createTailer(), sink).poll());
        assertSameTask(big, sink.received.get(0));
    }

    @Test
    void resultsArriveInOrderAndPollRespectsTheLimit() {
        ChronicleQueue queue = queue("out");
        ResultProxy proxy = new ResultProxy(queue.createAppender());
        List<TaskResult> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TaskResult result = i % 3 == 0
                    ? new TaskResult(
                            i,
                            "job-" + (i % 3),
                            "k" + i,
                            "spin",
                            TaskStatus.FAILED,
                            1_700_000_000_000L + i,
                            5_000L * i,
                            4_000L * i,
                            "Unknown forecast model 'x' ✓",
                            new byte[0])
                    : new TaskResult(
                            i,
                            "job-" + (i % 3),
                            "k" + i,
                            "spin",
                            TaskStatus.OK,
                            1_700_000_000_000L + i,
                            5_000L * i,
                            4_000L * i,
                            "",
                            new byte[] {(byte) i, 1});
            sent.add(result);
            proxy.onResult(result);
        }
        List<TaskResult> received = new ArrayList<>();
        ResultAdapter adapter = new ResultAdapter(queue.createTailer(), received::add);
        assertEquals(4, adapter.poll(4));
        assertEquals(4, received.size());
        assertEquals(6, adapter.poll(100));
        assertEquals(0, adapter.poll(100));
        assertEquals(10, received.size());
        for (int i = 0; i < 10; i++) {
            assertSameResult(sent.get(i), received.get(i));
        }
    }

    @Test
    void largeResultPayload() {
        ChronicleQueue queue = queue("out");
        byte[] payload = new byte[LARGE];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i ^ (i >> 8));
        }
        TaskResult big = new TaskResult(9, "j", "big", "spin", TaskStatus.OK, 1, 2, 3, "", payload);
        new ResultProxy(queue.createAppender()).onResult(big);
        List<TaskResult> received = new ArrayList<>();
        assertEquals(1, new ResultAdapter(queue.createTailer(), received::add).poll(10));
        assertSameResult(big, received.get(0));
    }

    /**
     * BUG (reported): FarmQueues uses a 4 MiB block size and Chronicle Queue caps one message at a quarter block, so
     * a payload of 1 MiB (a series of 131,072 points, or a large forecast result) cannot be written: the append throws
     * DecoratedBufferOverflowException in the launcher's conductor (or the worker's result path).
     */
    @Test
    void oneMebibytePayloads() {
        ChronicleQueue in = queue("in");
        Task big = new Task(1, 1, "j", "forecast", "big", new byte[1 << 20]);
        new TaskProxy(in.createAppender()).onTask(big);
        RecordingTaskSink sink = new RecordingTaskSink();
        assertTrue(new TaskAdapter(in.createTailer(), sink).poll());
        assertSameTask(big, sink.received.get(0));
        ChronicleQueue out = queue("out");
        new ResultProxy(out.createAppender())
                .onResult(new TaskResult(1, "j", "big", "spin", TaskStatus.OK, 1, 2, 3, "", new byte[1 << 20]));
        assertEquals(1, new ResultAdapter(out.createTailer(), r -> {}).poll(1));
    }

    @Test
    void unknownMessageTypeIsRejected() {
        ChronicleQueue queue = queue("in");
        try (DocumentContext dc = queue.createAppender().writingDocument()) {
            dc.wire().bytes().writeByte((byte) 'X');
        }
        IllegalStateException task = assertThrows(
                IllegalStateException.class,
                () -> new TaskAdapter(queue.createTailer(), new RecordingTaskSink()).poll());
        assertTrue(task.getMessage().contains("unknown message type"), task.getMessage());
        IllegalStateException result = assertThrows(
                IllegalStateException.class, () -> new ResultAdapter(queue.createTailer(), r -> {}).poll(1));
        assertTrue(result.getMessage().contains("result queue"), result.getMessage());
    }

    @Test
    void aSecondQueueInstanceOnTheSameDirectorySeesTheMessages() {
        ChronicleQueue writer = queue("shared");
        new TaskProxy(writer.createAppender()).onTask(new Task(5, 2, "j", "spin", "s", new byte[] {8}));
        ChronicleQueue reader = queue("shared");
        RecordingTaskSink sink = new RecordingTaskSink();
        assertTrue(new TaskAdapter(reader.createTailer(), sink).poll());
        assertSameTask(new Task(5, 2, "j", "spin", "s", new byte[] {8}), sink.received.get(0));
    }
}
