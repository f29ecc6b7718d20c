package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void unitsAsUsersWriteThem() {
        assertEquals(500, Durations.toMillis("500ms"));
        assertEquals(30_000, Durations.toMillis("30s"));
        assertEquals(120_000, Durations.toMillis("2m"));
        assertEquals(3_600_000, Durations.toMillis("1h"));
        assertEquals(1, Durations.toMillis("1ms"));
    }

    @Test
    void plainNumberIsSeconds() {
        assertEquals(5_000, Durations.toMillis("5"));
        assertEquals(500, Durations.toMillis("0.5"));
    }

    @Test
    void fractionsSpacesAndCase() {
        assertEquals(1_500, Durations.toMillis("1.5s"));
        assertEquals(90_000, Durations.toMillis("1.5m"));
        assertEquals(30_000, Durations.toMillis(" 30 s "));
        assertEquals(2_000, Durations.toMillis("2S"));
        assertEquals(250, Durations.toMillis("250MS"));
    }

    @Test
    void badValuesAreRejectedNamingTheValue() {
        for (String bad : new String[] {"", "   ", "abc", "5x", "1d", "-5s", "s", "1.s", "5 ms s", "1e3", "30sec"}) {
            IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> Durations.toMillis(bad), "'" + bad + "'");
            assertTrue(ex.getMessage().contains("'" + bad + "'"), ex.getMessage());
        }
    }

    @Test
    void lessThanOneMillisecondIsRejected() {
        for (String tiny : new String[] {"0", "0s", "0ms", "0.5ms", "0.0001"}) {
            IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> Durations.toMillis(tiny), tiny);
            assertTrue(ex.getMessage().contains("'" + tiny + "'"), ex.getMessage());
            assertTrue(ex.getMessage().contains("at least 1 ms"), ex.getMessage());
        }
    }

    @Test
    void formatWritesTheLargestWholeUnitThatToMillisReadsBack() {
        assertEquals("30m", Durations.format(30 * 60_000));
        assertEquals("5s", Durations.format(5_000));
        assertEquals("2h", Durations.format(7_200_000));
        assertEquals("90s", Durations.format(90_000));
        assertEquals("1500ms", Durations.format(1_500));
        for (final long ms : new long[] {1, 999, 1_000, 61_000, 3_600_000, 5_400_000, 86_400_000}) {
            assertEquals(ms, Durations.toMillis(Durations.format(ms)), Long.toString(ms));
        }
        assertThrows(IllegalArgumentException.class, () -> Durations.format(0));
    }
}
