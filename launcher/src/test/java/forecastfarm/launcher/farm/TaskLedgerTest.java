package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.wire.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskLedgerTest {

    private static TaskSpec spec(int i) {
        return new TaskSpec("k" + i, "noop", new byte[] {(byte) i});
    }

    private static TaskLedger sealed(int tasks, int maxAttempts) {
        return ledger(tasks, maxAttempts, new TaskStatus[tasks]);
    }

    /** Task i is added as finished by an earlier run when resumed[i] is not null. */
    private static TaskLedger ledger(int tasks, int maxAttempts, TaskStatus[] resumed) {
        TaskLedger ledger = new TaskLedger(maxAttempts);
        for (int i = 0; i < tasks; i++) {
            int index = resumed[i] == null ? ledger.add(spec(i)) : ledger.addFinished(spec(i), resumed[i], i % 3 + 1);
            assertEquals(i, index, "tasks are numbered in the order they are added");
        }
        return ledger;
    }

    /** pending + in flight + finished always adds up to the task count. */
    private static void assertConsistent(TaskLedger ledger) {
        assertEquals(
                ledger.size(),
                ledger.pendingCount()
                        + ledger.inFlightCount()
                        + ledger.okCount()
                        + ledger.failedCount()
                        + ledger.poisonedCount(),
                "counts add up");
        assertEquals(ledger.pendingCount() > 0, ledger.hasPending());
        int inFlight = 0;
        int terminal = 0;
        for (int i = 0; i < ledger.size(); i++) {
            inFlight += ledger.isInFlight(i) ? 1 : 0;
            terminal += ledger.isTerminal(i) ? 1 : 0;
        }
        assertEquals(ledger.inFlightCount(), inFlight);
        assertEquals(ledger.okCount() + ledger.failedCount() + ledger.poisonedCount(), terminal);
        assertEquals(terminal == ledger.size(), ledger.allFinished());
    }

    @Test
    void freshTasksGoOutInOrder() {
        TaskLedger ledger = sealed(3, 3);
        assertEquals(3, ledger.pendingCount());
        assertEquals(0, ledger.takePending());
        assertEquals(1, ledger.takePending());
        assertEquals(2, ledger.takePending());
        assertFalse(ledger.hasPending());
        assertEquals(3, ledger.inFlightCount());
        assertEquals("k1", ledger.task(1).key());
        assertConsistent(ledger);
    }

    @Test
    void retriesGoBeforeFreshTasks() {
        TaskLedger ledger = sealed(5, 3);
        int a = ledger.takePending();
        int b = ledger.takePending();
        assertFalse(ledger.requeue(b, true, "killed by signal 9 (SIGKILL)"));
        assertFalse(ledger.requeue(a, false, "worker gone"));
        assertEquals(5, ledger.pendingCount());
        assertEquals(b, ledger.takePending(), "first requeued, first out");
        assertEquals(a, ledger.takePending());
        assertEquals(2, ledger.takePending(), "then the fresh ones");
        assertConsistent(ledger);
    }

    @Test
    void completeFinishesOnceAndIgnoresDuplicates() {
        TaskLedger ledger = sealed(3, 3);
        int task = ledger.takePending();
        assertTrue(ledger.complete(task, TaskStatus.OK));
        assertEquals(1, ledger.attempts(task));
        assertTrue(ledger.isTerminal(task));
        assertFalse(ledger.complete(task, TaskStatus.OK), "duplicate");
        assertFalse(ledger.complete(task, TaskStatus.FAILED), "duplicate with another status");
        assertEquals(1, ledger.okCount());
        assertEquals(0, ledger.failedCount());
        assertEquals(1, ledger.attempts(task));
        assertConsistent(ledger);
    }

    @Test
    void completeIgnoresTasksNotInFlight() {
        TaskLedger ledger = sealed(3, 3);
        assertFalse(ledger.complete(2, TaskStatus.OK), "still pending");
        assertFalse(ledger.complete(-1, TaskStatus.OK));
        assertFalse(ledger.complete(3, TaskStatus.OK));
        assertFalse(ledger.complete(Integer.MAX_VALUE, TaskStatus.OK));
        assertEquals(0, ledger.okCount());
        assertEquals(3, ledger.pendingCount());
        assertEquals(0, ledger.attempts(2));
        assertConsistent(ledger);
    }

    @Test
    void failedIsTerminalToo() {
        TaskLedger ledger = sealed(1, 3);
        int task = ledger.takePending();
        assertTrue(ledger.complete(task, TaskStatus.FAILED));
        assertEquals(1, ledger.failedCount());
        assertTrue(ledger.allFinished());
        assertConsistent(ledger);
    }

    @Test
    void requeueOfAQueuedButNotRunningTaskCostsNoAttempt() {
        TaskLedger ledger = sealed(1, 2);
        for (int i = 0; i < 5; i++) {
            int task = ledger.takePending();
            assertFalse(ledger.requeue(task, false, "worker gone"));
        }
        assertEquals(0, ledger.attempts(0));
        assertEquals(0, ledger.retryCount());
        assertNull(ledger.cause(0));
        assertEquals(0, ledger.poisonedCount());
        assertTrue(ledger.hasPending());
        assertConsistent(ledger);
    }

    @Test
    void runningTaskIsPoisonedAtMaxAttemptsKeepingTheCause() {
        TaskLedger ledger = sealed(2, 3);
        int task = ledger.takePending();
        assertFalse(ledger.requeue(task, true, "exit code 65 (StackOverflowError)"));
        assertEquals(1, ledger.attempts(task));
        assertEquals(1, ledger.retryCount());
        assertEquals(task, ledger.takePending());
        assertFalse(ledger.requeue(task, true, "killed by signal 11 (SIGSEGV)"));
        assertEquals(2, ledger.attempts(task));
        assertEquals(2, ledger.retryCount());
        assertEquals(task, ledger.takePending());
        assertTrue(ledger.requeue(task, true, "killed by signal 9 (SIGKILL)"), "third death poisons it");
        assertEquals(3, ledger.attempts(task));
        assertEquals(2, ledger.retryCount(), "poisoning is not a retry");
        assertEquals(1, ledger.poisonedCount());
        assertTrue(ledger.isTerminal(task));
        assertFalse(ledger.isInFlight(task));
        assertEquals("killed by signal 9 (SIGKILL)", ledger.cause(task));
        assertEquals(1, ledger.pendingCount(), "only the other task");
        assertEquals(1, ledger.takePending());
        assertConsistent(ledger);
        assertFalse(ledger.complete(task, TaskStatus.OK), "a late report of a poisoned task is ignored");
        assertFalse(ledger.requeue(task, true, "again"), "and so is a late death");
        assertEquals(1, ledger.poisonedCount());
        assertConsistent(ledger);
    }

    @Test
    void maxAttemptsOfOnePoisonsOnTheFirstDeath() {
        TaskLedger ledger = sealed(1, 1);
        assertTrue(ledger.requeue(ledger.takePending(), true, "exit code 3 (OutOfMemoryError)"));
        assertTrue(ledger.allFinished());
        assertConsistent(ledger);
    }

    @Test
    void attemptsCountDeathsAndTheFinalReport() {
        TaskLedger ledger = sealed(1, 5);
        ledger.requeue(ledger.takePending(), true, "crash");
        ledger.requeue(ledger.takePending(), false, "queued only");
        assertTrue(ledger.complete(ledger.takePending(), TaskStatus.OK));
        assertEquals(2, ledger.attempts(0));
        assertEquals("crash", ledger.cause(0));
        assertConsistent(ledger);
    }

    @Test
    void requeueIgnoresTasksNotInFlight() {
        TaskLedger ledger = sealed(2, 3);
        assertFalse(ledger.requeue(1, true, "pending"));
        assertEquals(0, ledger.attempts(1));
        assertEquals(2, ledger.pendingCount());
        int task = ledger.takePending();
        ledger.complete(task, TaskStatus.OK);
        assertFalse(ledger.requeue(task, true, "finished"));
        assertEquals(1, ledger.attempts(task));
        assertConsistent(ledger);
    }

    @Test
    void resumedTasksAreNotQueuedAgain() {
        TaskLedger ledger =
                ledger(5, 3, new TaskStatus[] {null, TaskStatus.OK, null, TaskStatus.FAILED, TaskStatus.POISONED});
        assertEquals(3, ledger.resumedCount());
        assertEquals(1, ledger.okCount());
        assertEquals(1, ledger.failedCount());
        assertEquals(1, ledger.poisonedCount());
        assertEquals(1, ledger.attempts(3));
        assertEquals(0, ledger.task(3).payload().length, "a finished task drops its payload");
        assertEquals("k3", ledger.task(3).key());
        assertTrue(ledger.isTerminal(4));
        assertEquals(2, ledger.pendingCount());
        assertConsistent(ledger);
        assertEquals(0, ledger.takePending());
        assertEquals(2, ledger.takePending());
        assertFalse(ledger.hasPending());
        assertFalse(ledger.complete(1, TaskStatus.FAILED), "a resumed task cannot be reported again");
        assertFalse(ledger.allFinished());
        ledger.complete(0, TaskStatus.OK);
        ledger.complete(2, TaskStatus.OK);
        assertTrue(ledger.allFinished());
        assertEquals(3, ledger.okCount());
        assertConsistent(ledger);
    }

    @Test
    void everythingResumedIsFinishedAtOnce() {
        TaskLedger ledger = ledger(2, 3, new TaskStatus[] {TaskStatus.OK, TaskStatus.OK});
        assertFalse(ledger.hasPending());
        assertTrue(ledger.allFinished());
        assertConsistent(ledger);
    }

    @Test
    void emptyLedgerIsFinished() {
        TaskLedger ledger = sealed(0, 3);
        assertTrue(ledger.allFinished());
        assertFalse(ledger.hasPending());
        assertConsistent(ledger);
    }

    @Test
    void randomOperationsKeepTheCountsConsistent() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            int maxAttempts = 1 + random.nextInt(4);
            TaskStatus[] resumed = new TaskStatus[30];
            for (int i = 0; i < 30; i++) {
                if (random.nextInt(5) == 0) {
                    resumed[i] = TaskStatus.values()[random.nextInt(3)];
                }
            }
            TaskLedger ledger = ledger(30, maxAttempts, resumed);
            List<Integer> inFlight = new ArrayList<>();
            int retriesSeen = 0;
            for (int step = 0; step < 10_000 && !ledger.allFinished(); step++) {
                int op = random.nextInt(4);
                if (op == 0 && ledger.hasPending()) {
                    int task = ledger.takePending();
                    assertFalse(inFlight.contains(task), "dispatched twice");
                    inFlight.add(task);
                } else if (op == 1 && !inFlight.isEmpty()) {
                    int task = inFlight.remove(random.nextInt(inFlight.size()));
                    assertTrue(ledger.complete(task, random.nextBoolean() ? TaskStatus.OK : TaskStatus.FAILED));
                    assertFalse(ledger.complete(task, TaskStatus.OK));
                } else if (op == 2 && !inFlight.isEmpty()) {
                    int task = inFlight.remove(random.nextInt(inFlight.size()));
                    boolean running = random.nextBoolean();
                    int before = ledger.attempts(task);
                    boolean poisoned = ledger.requeue(task, running, "cause " + step);
                    assertEquals(before + (running ? 1 : 0), ledger.attempts(task));
                    assertEquals(poisoned, running && ledger.attempts(task) >= maxAttempts);
                    if (running && !poisoned) {
                        retriesSeen++;
                    }
                } else if (op == 3) {
                    int task = random.nextInt(40) - 5; // also out of range
                    if (!inFlight.contains(task)) {
                        assertFalse(ledger.complete(task, TaskStatus.OK), "not in flight: " + task);
                    }
                }
                assertConsistent(ledger);
                assertEquals(inFlight.size(), ledger.inFlightCount());
            }
            assertTrue(ledger.allFinished(), "round " + round);
            assertEquals(retriesSeen, ledger.retryCount());
        }
    }

    @Test
    void acceptsTasksWhileRunningAndGrowsPastItsFirstCapacity() {
        TaskLedger ledger = new TaskLedger(3);
        ledger.add(spec(0));
        int first = ledger.takePending();
        assertTrue(ledger.complete(first, TaskStatus.OK));
        assertTrue(ledger.allFinished(), "finished so far");
        for (int i = 1; i < 5000; i++) {
            assertEquals(i, ledger.add(spec(i)));
        }
        assertFalse(ledger.allFinished());
        while (ledger.hasPending()) {
            int task = ledger.takePending();
            assertEquals("k" + task, ledger.task(task).key());
            assertEquals(1, ledger.task(task).payload().length, "payload kept until the task finishes");
            ledger.complete(task, TaskStatus.OK);
            assertEquals(0, ledger.task(task).payload().length, "payload dropped once finished");
        }
        assertTrue(ledger.allFinished());
        assertEquals(5000, ledger.okCount());
        assertConsistent(ledger);
    }
}
