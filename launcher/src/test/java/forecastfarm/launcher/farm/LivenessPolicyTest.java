package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.status.WorkerCounter;
import org.junit.jupiter.api.Test;

class LivenessPolicyTest {

    private static final long HEARTBEAT_TIMEOUT = 2_000;
    private static final long TASK_TIMEOUT = 30_000;
    private static final long STARTUP_TIMEOUT = 10_000;
    private static final long SPAWNED = 1_000_000;
    private static final long NO_TASK = WorkerCounter.NO_TASK;

    private final LivenessPolicy policy = new LivenessPolicy(HEARTBEAT_TIMEOUT, TASK_TIMEOUT, STARTUP_TIMEOUT);

    @Test
    void startingWorkerGetsTheStartupTimeout() {
        assertNull(policy.verdict(SPAWNED, false, SPAWNED, 0, NO_TASK, 0));
        assertNull(policy.verdict(SPAWNED + STARTUP_TIMEOUT, false, SPAWNED, 0, NO_TASK, 0), "at the bound");
        String verdict = policy.verdict(SPAWNED + STARTUP_TIMEOUT + 1, false, SPAWNED, 0, NO_TASK, 0);
        assertEquals("did not become ready within 10.0 s", verdict);
    }

    @Test
    void aStartingWorkerIsNotJudgedByHeartbeatOrTask() {
        // no heartbeat yet (0) and a stale task start: only the startup timeout applies before ready
        assertNull(policy.verdict(SPAWNED + 5_000, false, SPAWNED, 0, 3, 0));
    }

    @Test
    void staleHeartbeatMeansHung() {
        long now = SPAWNED + 60_000;
        assertNull(policy.verdict(now, true, SPAWNED, now - HEARTBEAT_TIMEOUT, NO_TASK, 0), "at the bound");
        String verdict = policy.verdict(now, true, SPAWNED, now - HEARTBEAT_TIMEOUT - 1, NO_TASK, 0);
        assertTrue(verdict.startsWith("hung"), verdict);
        assertEquals("hung: no heartbeat for 2.0 s", verdict);
        assertEquals("hung: no heartbeat for 12.3 s", policy.verdict(now, true, SPAWNED, now - 12_345, NO_TASK, 0));
    }

    @Test
    void taskPastItsTimeoutMeansTimeout() {
        long now = SPAWNED + 100_000;
        assertNull(policy.verdict(now, true, SPAWNED, now, 7, now - TASK_TIMEOUT), "at the bound");
        String verdict = policy.verdict(now, true, SPAWNED, now, 7, now - TASK_TIMEOUT - 1);
        assertTrue(verdict.startsWith("timeout"), verdict);
        assertEquals("timeout: task ran longer than 30.0 s", verdict);
        assertTrue(
                policy.verdict(now, true, SPAWNED, now, 0, now - TASK_TIMEOUT - 1)
                        .startsWith("timeout"),
                "task id 0 is a real task");
    }

    @Test
    void noTaskMeansNoTaskTimeout() {
        long now = SPAWNED + 100_000;
        assertNull(policy.verdict(now, true, SPAWNED, now, NO_TASK, 0));
    }

    @Test
    void hungIsReportedBeforeTimeout() {
        long now = SPAWNED + 100_000;
        String verdict = policy.verdict(now, true, SPAWNED, now - 5_000, 7, now - 50_000);
        assertTrue(verdict.startsWith("hung"), verdict);
    }

    @Test
    void healthyWorkerHasNoVerdict() {
        long now = SPAWNED + 100_000;
        assertNull(policy.verdict(now, true, SPAWNED, now - 100, 7, now - 1_000));
        assertNull(policy.verdict(now, true, SPAWNED, now + 5, 7, now + 5), "clocks a little ahead");
        assertNull(policy.verdict(now, true, SPAWNED, now, NO_TASK, 0), "ready long after the startup timeout");
    }

    @Test
    void secondsFormatting() {
        assertEquals("0.0 s", LivenessPolicy.seconds(0));
        assertEquals("1.5 s", LivenessPolicy.seconds(1_500));
        assertEquals("120.0 s", LivenessPolicy.seconds(120_000));
    }
}
