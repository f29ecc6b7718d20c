package forecastfarm.worker.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskResult;
import forecastfarm.shared.wire.TaskStatus;
import forecastfarm.worker.tasks.TaskHandler;
import forecastfarm.worker.tasks.TaskKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

    private static final long NOW = 1_700_000_000_123L;
    private static final EpochClock CLOCK = () -> NOW;

    private final List<String> events = new ArrayList<>();
    private final List<TaskResult> results = new ArrayList<>();
    private final List<String> fatal = new ArrayList<>();
    private final List<VirtualMachineError> fatalErrors = new ArrayList<>();
    private final RecordingWorkerStatus status = new RecordingWorkerStatus(events);

    private TaskRunner runner(Map<String, TaskHandler> handlers) {
        return new TaskRunner(
                new TaskKinds(handlers),
                result -> {
                    events.add("result " + result.taskId() + " " + result.status());
                    results.add(result);
                },
                status,
                CLOCK,
                (taskId, error) -> {
                    fatal.add("fatal " + taskId);
                    fatalErrors.add(error);
                });
    }

    private static Task task(long id, String kind, String key, byte[] payload) {
        return new Task(id, 1, "job-1", kind, key, payload);
    }

    @Test
    void okResultCarriesTheHandlersOutput() {
        TaskRunner runner = runner(Map.of("echo", (key, payload) -> {
            byte[] out = payload.clone();
            out[0] = (byte) key.length();
            return out;
        }));
        runner.onTask(task(7, "echo", "series-A", new byte[] {0, 2, 3}));
        assertEquals(1, results.size());
        TaskResult result = results.get(0);
        assertEquals(7, result.taskId());
        assertEquals("series-A", result.key());
        assertEquals(TaskStatus.OK, result.status());
        assertEquals("", result.error());
        assertEquals(NOW, result.startEpochMs());
        assertArrayEquals(new byte[] {8, 2, 3}, result.payload());
        assertTrue(result.wallNs() >= 0, "wall " + result.wallNs());
        assertTrue(result.cpuNs() >= 0, "cpu " + result.cpuNs());
        assertEquals(1, status.tasksDone);
        assertEquals(0, status.tasksFailed);
    }

    @Test
    void statusBracketsTheHandlerAndTheResultGoesOutBeforeTaskFinished() {
        TaskRunner runner = runner(Map.of("k", (key, payload) -> {
            events.add("handle " + key);
            return new byte[0];
        }));
        runner.onTask(task(3, "k", "a", new byte[0]));
        assertEquals(List.of("started 3 at " + NOW, "handle a", "result 3 OK", "finished ok"), events);
    }

    @Test
    void aThrowingHandlerGivesAFailedResultAndTheRunnerGoesOn() {
        TaskRunner runner = runner(Map.of(
                "bad",
                        (key, payload) -> {
                            throw new Exception("series " + key + " is too short");
                        },
                "good", (key, payload) -> new byte[] {1}));
        runner.onTask(task(1, "bad", "X", new byte[] {9}));
        runner.onTask(task(2, "good", "Y", new byte[0]));

        assertEquals(2, results.size());
        TaskResult failed = results.get(0);
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("series X is too short", failed.error());
        assertEquals(0, failed.payload().length, "a failed result has no payload");
        assertEquals(NOW, failed.startEpochMs());
        assertEquals(TaskStatus.OK, results.get(1).status());
        assertEquals(
                List.of(
                        "started 1 at " + NOW,
                        "result 1 FAILED",
                        "finished failed",
                        "started 2 at " + NOW,
                        "result 2 OK",
                        "finished ok"),
                events);
        assertEquals(2, status.tasksDone);
        assertEquals(1, status.tasksFailed);
        assertTrue(fatal.isEmpty());
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsClass() {
        TaskRunner runner = runner(Map.of(
                "npe",
                        (key, payload) -> {
                            throw new NullPointerException();
                        },
                "blank",
                        (key, payload) -> {
                            throw new IllegalStateException("  ");
                        }));
        runner.onTask(task(1, "npe", "a", new byte[0]));
        runner.onTask(task(2, "blank", "b", new byte[0]));
        assertEquals("NullPointerException", results.get(0).error());
        assertEquals("IllegalStateException", results.get(1).error());
    }

    @Test
    void anOrdinaryErrorIsAFailedTaskNotFatal() {
        TaskRunner runner = runner(Map.of("assert", (key, payload) -> {
            throw new AssertionError("invariant broken");
        }));
        runner.onTask(task(5, "assert", "a", new byte[0]));
        assertEquals(TaskStatus.FAILED, results.get(0).status());
        assertEquals("invariant broken", results.get(0).error());
        assertTrue(fatal.isEmpty());
    }

    @Test
    void unknownKindFailsNamingTheKind() {
        TaskRunner runner = runner(Map.of("noop", (key, payload) -> payload));
        runner.onTask(task(4, "nosuchkind", "a", new byte[0]));
        TaskResult result = results.get(0);
        assertEquals(TaskStatus.FAILED, result.status());
        assertTrue(result.error().contains("'nosuchkind'"), result.error());
        assertTrue(result.error().contains("noop"), "lists the known kinds: " + result.error());
        assertEquals(List.of("started 4 at " + NOW, "result 4 FAILED", "finished failed"), events);
    }

    @Test
    void stackOverflowCallsTheFatalHandlerAndIsRethrown() {
        StackOverflowError overflow = new StackOverflowError("deep");
        TaskRunner runner = runner(Map.of("deep", (key, payload) -> {
            throw overflow;
        }));
        StackOverflowError thrown =
                assertThrows(StackOverflowError.class, () -> runner.onTask(task(11, "deep", "a", new byte[0])));
        assertSame(overflow, thrown);
        assertEquals(List.of("fatal 11"), fatal);
        assertSame(overflow, fatalErrors.get(0));
        assertTrue(results.isEmpty(), "no result: the worker is going down");
        // the task stays published as running, so the launcher can blame it
        assertEquals(List.of("started 11 at " + NOW), events);
    }

    @Test
    void realRecursionOverflowIsFatal() {
        TaskRunner runner = runner(Map.of("recurse", (key, payload) -> new byte[] {(byte) depth(0)}));
        assertThrows(StackOverflowError.class, () -> runner.onTask(task(12, "recurse", "a", new byte[0])));
        assertEquals(List.of("fatal 12"), fatal);
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }

    @Test
    void otherVirtualMachineErrorsAreFatalToo() {
        TaskRunner runner = runner(Map.of("oom", (key, payload) -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        // caught by hand: JUnit's assertThrows rethrows OutOfMemoryError as unrecoverable
        Throwable thrown = null;
        try {
            runner.onTask(task(13, "oom", "a", new byte[0]));
        } catch (OutOfMemoryError expected) {
            thrown = expected;
        }
        assertTrue(thrown instanceof OutOfMemoryError);
        assertEquals(List.of("fatal 13"), fatal);
        assertTrue(results.isEmpty());
    }

    @Test
    void stopIsRecorded() {
        TaskRunner runner = runner(Map.of());
        assertFalse(runner.stopRequested());
        runner.onStop();
        assertTrue(runner.stopRequested());
        assertTrue(results.isEmpty());
    }
}
