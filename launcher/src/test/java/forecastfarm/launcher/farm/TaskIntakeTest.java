package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskIntakeTest {

    private static TaskSpec spec(int i) {
        return new TaskSpec("k" + i, "noop", new byte[0]);
    }

    @Test
    void aFullIntakeMakesTheSubmitterWaitUntilTheConductorTakes() throws Exception {
        TaskIntake intake = new TaskIntake(2);
        assertTrue(intake.submit(spec(0)));
        assertTrue(intake.submit(spec(1)));
        Submitter third = Submitter.start(intake, spec(2));
        third.awaitBlockedInSubmit();
        assertFalse(third.result().isDone(), "blocked while full");
        List<String> taken = new ArrayList<>();
        assertEquals(1, intake.drainTo(t -> taken.add(t.key()), 1));
        assertTrue(third.result().get(5, TimeUnit.SECONDS));
        intake.drainTo(t -> taken.add(t.key()), 10);
        assertEquals(List.of("k0", "k1", "k2"), taken);
        assertEquals(3, intake.submitted());
        assertFalse(intake.isExhausted(), "not closed yet");
        intake.close();
        assertTrue(intake.isExhausted());
        assertThrows(IllegalStateException.class, () -> intake.submit(spec(3)));
    }

    @Test
    void cancellingReleasesABlockedSubmitterWithFalse() throws Exception {
        TaskIntake intake = new TaskIntake(1);
        assertTrue(intake.submit(spec(0)));
        Submitter second = Submitter.start(intake, spec(1));
        second.awaitBlockedInSubmit();
        assertFalse(second.result().isDone(), "blocked while full");
        intake.cancel();
        assertFalse(second.result().get(5, TimeUnit.SECONDS), "not queued once the farm stopped taking tasks");
        assertEquals(1, intake.submitted(), "the released task is not counted as submitted");
        assertFalse(intake.submit(spec(2)));
        assertEquals(0, intake.drainTo(t -> {}, 10));
    }

    @Test
    void aListIsQueuedAndClosed() {
        TaskIntake intake = TaskIntake.of(List.of(spec(0), spec(1)));
        assertFalse(intake.isExhausted());
        assertEquals(2, intake.drainTo(t -> {}, 5));
        assertTrue(intake.isExhausted());
    }

    /** A thread submitting one task, whose result is {@link #result}. */
    private record Submitter(Thread thread, CompletableFuture<Boolean> result) {
        static Submitter start(TaskIntake intake, TaskSpec task) {
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            result.complete(intake.submit(task));
                        } catch (Throwable e) {
                            result.completeExceptionally(e);
                        }
                    },
                    "submitter " + task.key());
            thread.setDaemon(true);
            thread.start();
            return new Submitter(thread, result);
        }

        /** Waits until the thread waits inside {@link TaskIntake#submit} (in the queue's offer), not before it. */
        void awaitBlockedInSubmit() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!blockedInSubmit()) {
                assertFalse(result.isDone(), "submit returned instead of waiting: " + result);
                assertTrue(System.nanoTime() < deadline, "the submitter never waited in submit: " + thread.getState());
                Thread.sleep(1);
            }
        }

        private boolean blockedInSubmit() {
            Thread.State state = thread.getState();
            return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && Arrays.stream(thread.getStackTrace())
                            .anyMatch(frame -> frame.getClassName().equals(TaskIntake.class.getName())
                                    && frame.getMethodName().equals("submit"));
        }
    }
}
