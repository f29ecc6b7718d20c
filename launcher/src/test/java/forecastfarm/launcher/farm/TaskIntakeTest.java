package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
            try {
                return intake.submit(spec(2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(third.isDone(), "blocked while full");
        List<String> taken = new ArrayList<>();
        assertEquals(1, intake.drainTo(t -> taken.add(t.key()), 1));
        assertTrue(third.get(5, TimeUnit.SECONDS));
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
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try {
                return intake.submit(spec(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        intake.cancel();
        assertFalse(second.get(5, TimeUnit.SECONDS), "not queued once the farm stopped taking tasks");
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
}
