package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskStatsTest {

    private static final long MS = 1_000_000;

    @Test
    void noDataGivesTwo() {
        TaskStats stats = new TaskStats();
        assertEquals(2, stats.inFlightLimit(5, 64));
        assertEquals(1, stats.inFlightLimit(5, 1), "never above the max");
    }

    @Test
    void trivialTasksAreCappedAtTheMax() {
        TaskStats stats = new TaskStats();
        stats.onResult(100, 100);
        assertEquals(64, stats.inFlightLimit(5, 64));
        assertEquals(5_001, stats.inFlightLimit(5, 1_000_000), "a task counts as at least 1 us: 5 ms / 1 us + 1");
    }

    @Test
    void tenMillisecondTasksWithFiveMillisecondTargetGiveTwo() {
        TaskStats stats = new TaskStats();
        stats.onResult(10 * MS, 9 * MS);
        assertEquals(2, stats.inFlightLimit(5, 64));
    }

    @Test
    void limitFollowsTheTaskTime() {
        TaskStats stats = new TaskStats();
        stats.onResult(1 * MS, 1 * MS);
        assertEquals(6, stats.inFlightLimit(5, 64), "ceil(5 / 1) + 1");
        TaskStats slow = new TaskStats();
        slow.onResult(10_000 * MS, MS);
        assertEquals(2, slow.inFlightLimit(5, 64), "at least 2");
    }

    @Test
    void movingAverageMovesSlowly() {
        TaskStats stats = new TaskStats();
        stats.onResult(1 * MS, 0);
        stats.onResult(100 * MS, 0); // mean = 1 + 0.05 * 99 = 5.95 ms
        assertEquals(2, stats.inFlightLimit(5, 64), "ceil(5 / 5.95) + 1");
        assertEquals(3, stats.inFlightLimit(10, 64), "ceil(10 / 5.95) + 1");
    }

    @Test
    void countsResultsAndCpu() {
        TaskStats stats = new TaskStats();
        stats.onResult(5, 3);
        stats.onResult(7, 4);
        assertEquals(2, stats.results());
        assertEquals(7, stats.cpuNsTotal());
    }
}
