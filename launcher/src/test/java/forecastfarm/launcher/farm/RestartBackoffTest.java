package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void delaysDoubleFromTheBaseUpToTheCap() {
        RestartBackoff backoff = new RestartBackoff(100, 1_000, 100);
        long[] expected = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], backoff.onCrash(true), "crash " + (i + 1));
            assertEquals(i + 1, backoff.consecutiveCrashes());
        }
    }

    @Test
    void manyCrashesNeverOverflowPastTheCap() {
        RestartBackoff backoff = new RestartBackoff(250, 60_000, Integer.MAX_VALUE);
        long last = 0;
        for (int i = 0; i < 200; i++) {
            long delay = backoff.onCrash(true);
            assertTrue(delay >= last && delay <= 60_000, "crash " + i + ": " + delay);
            last = delay;
        }
        assertEquals(60_000, last);
        RestartBackoff uncapped = new RestartBackoff(1_000, Long.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            assertTrue(uncapped.onCrash(true) > 0, "crash " + i);
        }
    }

    @Test
    void breakerOpensAfterTheLimitOfUnexplainedCrashes() {
        RestartBackoff backoff = new RestartBackoff(10, 1_000, 3);
        backoff.onCrash(false);
        assertFalse(backoff.breakerOpen());
        backoff.onCrash(false);
        assertFalse(backoff.breakerOpen());
        backoff.onCrash(false);
        assertTrue(backoff.breakerOpen());
    }

    @Test
    void explainedCrashesNeverOpenTheBreaker() {
        RestartBackoff backoff = new RestartBackoff(10, 1_000, 3);
        for (int i = 0; i < 20; i++) {
            backoff.onCrash(true);
            assertFalse(backoff.breakerOpen(), "crash " + (i + 1));
        }
        backoff.onCrash(false);
        backoff.onCrash(false);
        assertFalse(backoff.breakerOpen(), "only two unexplained");
        assertEquals(1_000, backoff.onCrash(false), "explained crashes count for the delay");
        assertTrue(backoff.breakerOpen());
    }

    @Test
    void aCompletedTaskResetsDelayAndBreaker() {
        RestartBackoff backoff = new RestartBackoff(100, 10_000, 3);
        backoff.onCrash(false);
        backoff.onCrash(false);
        assertEquals(400, backoff.onCrash(false));
        assertTrue(backoff.breakerOpen());
        backoff.onTaskCompleted();
        assertFalse(backoff.breakerOpen());
        assertEquals(0, backoff.consecutiveCrashes());
        assertEquals(100, backoff.onCrash(false), "back to the base delay");
        backoff.onCrash(false);
        assertFalse(backoff.breakerOpen(), "the count started over");
        backoff.onCrash(false);
        assertTrue(backoff.breakerOpen());
    }

    @Test
    void limitOfOneOpensOnTheFirstUnexplainedCrash() {
        RestartBackoff backoff = new RestartBackoff(100, 10_000, 1);
        assertFalse(backoff.breakerOpen());
        backoff.onCrash(false);
        assertTrue(backoff.breakerOpen());
    }
}
