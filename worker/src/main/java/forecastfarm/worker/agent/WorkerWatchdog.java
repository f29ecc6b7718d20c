package forecastfarm.worker.agent;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * A daemon thread that beats the worker's heartbeat, publishes its heap and resident set size, and ends the worker
 * when the launcher is gone (its process exited, or its heartbeat went silent), so that no worker outlives its
 * launcher. It runs apart from the task thread so that a long task does not look like a hang; a stopped (SIGSTOP)
 * or frozen JVM stops both.
 */
public final class WorkerWatchdog implements Runnable {
    private final StatusFile status;
    private final AtomicCounter heartbeatMs;
    private final AtomicCounter heapUsedBytes;
    private final AtomicCounter rssBytes;
    private final ProcessHandle launcher;
    private final long intervalMs;
    private final long launcherSilenceTimeoutMs;
    private final HeapUsage heap = new HeapUsage();
    private final ResidentMemory rss = new ResidentMemory();

    public WorkerWatchdog(
            final StatusFile status,
            final int slot,
            final ProcessHandle launcher,
            final long intervalMs,
            final long launcherSilenceTimeoutMs) {
        this.status = status;
        this.heartbeatMs = status.workerCounter(slot, WorkerCounter.HEARTBEAT_MS);
        this.heapUsedBytes = status.workerCounter(slot, WorkerCounter.HEAP_USED_BYTES);
        this.rssBytes = status.workerCounter(slot, WorkerCounter.RSS_BYTES);
        this.launcher = launcher;
        this.intervalMs = intervalMs;
        this.launcherSilenceTimeoutMs = launcherSilenceTimeoutMs;
    }

    public Thread start() {
        final Thread thread = new Thread(this, "worker-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public void beat() {
        heartbeatMs.setRelease(System.currentTimeMillis());
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            final long nowMs = System.currentTimeMillis();
            heartbeatMs.setRelease(nowMs);
            heapUsedBytes.setRelease(heap.usedAfterGcBytes());
            rssBytes.setRelease(rss.residentBytes());
            if (!launcher.isAlive()) {
                exit("launcher process " + launcher.pid() + " is gone");
            }
            if (nowMs - status.launcherHeartbeatMs() > launcherSilenceTimeoutMs) {
                exit("launcher heartbeat silent for more than " + launcherSilenceTimeoutMs + " ms");
            }
            try {
                Thread.sleep(intervalMs);
            } catch (final InterruptedException ex) {
                return;
            }
        }
    }

    private static void exit(final String why) {
        System.err.println("worker exiting: " + why);
        System.err.flush();
        Runtime.getRuntime().halt(WorkerExitCode.LAUNCHER_GONE);
    }
}
