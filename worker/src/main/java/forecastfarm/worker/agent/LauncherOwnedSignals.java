package forecastfarm.worker.agent;

import sun.misc.Signal;

/**
 * A worker's life belongs to its launcher: SIGINT and SIGTERM sent to a worker (Ctrl-C reaches the whole terminal
 * process group; SLURM signals every process of a cancelled or preempted task) are ignored, so the launcher's drain
 * lets the running task finish instead of losing it. The launcher stops a worker through its task queue or with
 * SIGKILL, and a worker whose launcher is gone exits by itself ({@link WorkerWatchdog}).
 */
public final class LauncherOwnedSignals {
    private LauncherOwnedSignals() {}

    public static void install() {
        for (final String name : new String[] {"INT", "TERM"}) {
            Signal.handle(
                    new Signal(name),
                    signal -> System.err.println("worker: ignoring SIG" + signal.getName()
                            + ": the launcher decides when this worker stops (it drains on the same signal)"));
        }
    }
}
