package forecastfarm.launcher.farm;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standing farm's disk between jobs: a live worker's queues keep every task and result it was sent until the worker
 * is recycled, so a farm that goes quiet after many jobs would hold them until its next {@code --max-tasks-per-worker}
 * recycle. Once no task has waited or run for {@link FarmContext#idleRecycleMs()}, each worker whose queues hold at
 * least {@link FarmContext#idleRecycleMinBytes()} of messages is asked to recycle itself; its slot starts again at once
 * with empty queues (the recycled generation's are deleted once its results are in the map), so the next job finds a
 * worker ready, though not yet warmed by the previous jobs. A farm that is never idle that long is never disturbed.
 */
final class IdleRecycling {
    private static final Logger LOG = LoggerFactory.getLogger(IdleRecycling.class);

    private final long idleMs;
    private final long minMessageBytes;
    private long lastBusyMs;

    /** @param idleMs 0 for never (a one-shot farm: it ends when its jobs do). */
    IdleRecycling(final long idleMs, final long minMessageBytes) {
        this.idleMs = idleMs;
        this.minMessageBytes = minMessageBytes;
    }

    /**
     * @param busy   whether a task waits or runs in any job now
     * @param ending whether the farm is closing, draining or aborted: its workers are about to stop anyway
     * @return how many workers were asked to recycle
     */
    int recycle(final long nowMs, final List<WorkerProcess> workers, final boolean busy, final boolean ending) {
        if (idleMs <= 0 || ending) {
            return 0;
        }
        if (busy) {
            lastBusyMs = nowMs;
            return 0;
        }
        if (nowMs - lastBusyMs < idleMs) {
            return 0;
        }
        int asked = 0;
        for (final WorkerProcess worker : workers) {
            if (worker.phase() == WorkerProcess.Phase.RUNNING
                    && worker.inFlight().isEmpty()
                    && !worker.recycleRequested()
                    && worker.messageBytes() >= minMessageBytes) {
                LOG.info(
                        "recycling worker {} (generation {}): the farm has been idle {} ms and its queues hold {} KiB",
                        worker.slot(),
                        worker.generation(),
                        nowMs - lastBusyMs,
                        worker.messageBytes() >> 10);
                worker.requestRecycle();
                asked++;
            }
        }
        return asked;
    }
}
