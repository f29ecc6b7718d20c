package forecastfarm.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BareSpinTest {
    @Test
    void elapsedLineParsesAndAnythingElseIsMinusOne() {
        assertEquals(123456789L, BareSpin.parseElapsed("ELAPSED_NS 123456789 TASKS 200 X ok"));
        assertEquals(5L, BareSpin.parseElapsed("  ELAPSED_NS 5"));
        assertEquals(-1L, BareSpin.parseElapsed("READY"));
        assertEquals(-1L, BareSpin.parseElapsed("ELAPSED_NS"));
        assertEquals(-1L, BareSpin.parseElapsed("ELAPSED_NS abc"));
        assertEquals(-1L, BareSpin.parseElapsed("ELAPSED_NS -4"));
        assertEquals(-1L, BareSpin.parseElapsed(null));
    }

    /**
     * Starts real JVMs: the ready / go / elapsed exchange works end to end, with a tiny workload.
     */
    @Test
    void bareRunStartsProcessesSideBySideAndTimesTheirShares() {
        final BareTrial.Outcome outcome = BareTrial.run(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                2,
                5,
                1_000,
                1,
                60_000);
        assertArrayEquals(new int[] {3, 2}, outcome.tasks());
        assertEquals(2, outcome.elapsedNs().length);
        for (final long e : outcome.elapsedNs()) {
            assertTrue(e >= 0, "elapsed " + e);
        }
        assertTrue(outcome.slowestNs() >= outcome.fastestNs());
    }
}
