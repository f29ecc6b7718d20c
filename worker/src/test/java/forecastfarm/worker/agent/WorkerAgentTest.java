package forecastfarm.worker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskAdapter;
import forecastfarm.shared.wire.TaskProxy;
import forecastfarm.shared.wire.TaskResult;
import forecastfarm.worker.tasks.TaskKinds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's duty cycle over a real task queue, in this process. */
class WorkerAgentTest {

    @TempDir
    Path dir;

    private ChronicleQueue queue;
    private TaskProxy launcher;
    private final List<String> events = new ArrayList<>();
    private final List<TaskResult> results = new ArrayList<>();
    private final RecordingWorkerStatus status = new RecordingWorkerStatus(events);
    private final AtomicLong heapAfterGc = new AtomicLong(1_000);
    private final AtomicLong rss = new AtomicLong(1_000);
    private int rssReads;
    private TaskRunner runner;

    @BeforeEach
    void open() {
        queue = FarmQueues.open(dir.resolve("in-0-g0"));
        launcher = new TaskProxy(queue.createAppender());
        runner = new TaskRunner(
                new TaskKinds(Map.of("noop", (key, payload) -> payload)),
                results::add,
                status,
                () -> 1L,
                (taskId, error) -> {});
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private WorkerAgent agent(long maxTasks, long maxHeapBytes) {
        return agent(maxTasks, maxHeapBytes, Long.MAX_VALUE);
    }

    private WorkerAgent agent(long maxTasks, long maxHeapBytes, long maxRssBytes) {
        return new WorkerAgent(
                new TaskAdapter(queue.createTailer(), runner),
                runner,
                status,
                maxTasks,
                maxHeapBytes,
                heapAfterGc::get,
                maxRssBytes,
                () -> {
                    rssReads++;
                    return rss.get();
                });
    }

    private void send(int tasks) {
        for (int i = 0; i < tasks; i++) {
            launcher.onTask(new Task(i, 1, "job-1", "noop", "k" + i, new byte[] {(byte) i}));
        }
    }

    /** Runs duty cycles until the agent is done; fails if it never is. */
    private static void runToEnd(WorkerAgent agent) {
        for (int i = 0; i < 1_000 && !agent.isDone(); i++) {
            agent.doWork();
        }
        assertTrue(agent.isDone(), "agent never finished");
    }

    @Test
    void runsTasksUntilTheStopMessageThenExitsNormally() {
        send(3);
        launcher.onStop();
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(1, agent.doWork());
        assertEquals(1, agent.doWork());
        assertEquals(1, agent.doWork());
        assertEquals(3, results.size());
        assertFalse(agent.isDone());
        assertEquals(1, agent.doWork(), "the stop message is work");
        assertFalse(agent.isDone(), "done only on the next cycle");
        assertEquals(0, agent.doWork());
        assertTrue(agent.isDone());
        assertEquals(WorkerExitCode.NORMAL, agent.exitCode());
        assertEquals(0, agent.doWork(), "a done agent does nothing");
        assertEquals(WorkerExitCode.NORMAL, agent.exitCode());
    }

    @Test
    void idleWithoutTasksAndKeepsRunning() {
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, agent.doWork());
        }
        assertFalse(agent.isDone());
        send(1);
        assertEquals(1, agent.doWork());
        assertEquals(1, results.size());
    }

    @Test
    void drainRequestExitsNormallyWithoutTakingMoreTasks() {
        send(5);
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE);
        agent.doWork();
        agent.doWork();
        status.drain = true;
        runToEnd(agent);
        assertEquals(WorkerExitCode.NORMAL, agent.exitCode());
        assertEquals(2, results.size(), "the queued tasks are left for another worker");
    }

    @Test
    void aRecycleRequestExitsAsRecycledWithoutTakingATask() {
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(0, agent.doWork());
        assertFalse(agent.isDone(), "idle, nothing asked");
        status.recycle = true;
        send(1);
        runToEnd(agent);
        assertEquals(WorkerExitCode.RECYCLE, agent.exitCode());
        assertEquals(0, results.size(), "the launcher sends an idle worker nothing once it asked: a task would wait");
    }

    @Test
    void recyclesAfterMaxTasks() {
        send(5);
        WorkerAgent agent = agent(2, Long.MAX_VALUE);
        runToEnd(agent);
        assertEquals(WorkerExitCode.RECYCLE, agent.exitCode());
        assertEquals(2, results.size());
        assertEquals(List.of(0L, 1L), results.stream().map(TaskResult::taskId).toList());
    }

    @Test
    void recyclesWhenTheHeapAfterGcGrowsPastTheLimitCheckedEverySixteenTasks() {
        send(40);
        WorkerAgent agent = agent(Long.MAX_VALUE, 10_000);
        heapAfterGc.set(10_000);
        for (int i = 0; i < WorkerAgent.HEAP_CHECK_EVERY_TASKS; i++) {
            assertEquals(1, agent.doWork());
        }
        assertFalse(agent.isDone(), "at the limit is still fine");
        heapAfterGc.set(10_001);
        runToEnd(agent);
        assertEquals(WorkerExitCode.RECYCLE, agent.exitCode());
        assertEquals(2 * WorkerAgent.HEAP_CHECK_EVERY_TASKS, results.size(), "recycled at the next heap check");
    }

    @Test
    void recyclesAfterTheFirstTaskThatLeavesTheResidentSetPastTheLimit() {
        send(10);
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE, 5_000);
        rss.set(5_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, agent.doWork());
        }
        assertFalse(agent.isDone(), "at the limit is still fine");
        rss.set(5_001);
        assertEquals(1, agent.doWork(), "the task that passes the limit is finished");
        runToEnd(agent);
        assertEquals(WorkerExitCode.RECYCLE, agent.exitCode());
        assertEquals(4, results.size(), "checked after every task: no task after the one that passed the limit");
        assertEquals(
                List.of(0L, 1L, 2L, 3L),
                results.stream().map(TaskResult::taskId).toList());
    }

    @Test
    void withoutAnRssLimitTheResidentSetIsNeverRead() {
        send(20);
        rss.set(Long.MAX_VALUE);
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, agent.doWork());
        }
        assertFalse(agent.isDone());
        assertEquals(0, rssReads);
    }

    @Test
    void anUnknownResidentSetNeverRecycles() {
        send(5);
        rss.set(ResidentMemory.UNKNOWN);
        WorkerAgent agent = agent(Long.MAX_VALUE, Long.MAX_VALUE, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(1, agent.doWork());
        }
        assertFalse(agent.isDone());
        assertEquals(5, rssReads);
    }

    @Test
    void aStopBeforeTheLimitEndsNormally() {
        send(1);
        launcher.onStop();
        WorkerAgent agent = agent(5, Long.MAX_VALUE);
        runToEnd(agent);
        assertEquals(WorkerExitCode.NORMAL, agent.exitCode(), "asked to stop: exit normally, not as a recycle");
        assertEquals(1, results.size());
    }

    @Test
    void roleName() {
        assertEquals("worker", agent(1, 1).roleName());
    }
}
