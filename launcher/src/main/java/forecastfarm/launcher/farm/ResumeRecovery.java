package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultAdapter;
import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a launcher does on a farm dir that an earlier launcher left (killed, or finished): make sure none of the old
 * workers still runs, and move every result still sitting in the old runs' result queues into the results map, so
 * a result that a worker reported just before its launcher died is not computed again.
 */
final class ResumeRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeRecovery.class);
    private static final long WORKER_EXIT_WAIT_MS = 5_000;

    private ResumeRecovery() {}

    static void killLeftoverWorkers(final FarmDirectory farm) {
        if (!Files.exists(farm.statusFile())) {
            return;
        }
        try (StatusFile old = StatusFile.open(farm.statusFile())) {
            for (int slot = 0; slot < old.workerSlots(); slot++) {
                final long pid = old.workerValue(slot, WorkerCounter.PID);
                ProcessHandle.of(pid).filter(p -> isOurWorker(p, farm)).ifPresent(ResumeRecovery::killAndWait);
            }
        } catch (final IllegalStateException ex) {
            LOG.warn("ignoring unreadable old status file: {}", ex.getMessage());
        }
    }

    private static boolean isOurWorker(final ProcessHandle process, final FarmDirectory farm) {
        return process.info()
                .arguments()
                .map(args -> List.of(args).contains(WorkerArgs.MAIN_CLASS)
                        && List.of(args).contains(farm.root().toString()))
                .orElse(false);
    }

    private static void killAndWait(final ProcessHandle worker) {
        LOG.warn("killing worker pid {} left by an earlier launcher", worker.pid());
        worker.destroyForcibly();
        try {
            worker.onExit().get(WORKER_EXIT_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (final Exception ex) {
            LOG.warn("worker pid {} did not exit: {}", worker.pid(), ex.toString());
        }
    }

    /**
     * Replays every result in the old runs' result queues into the store (results the store already has, and those
     * of jobs deleted since, are skipped), then deletes the old queues. The current run's queues, which its workers
     * may be opening at this moment, are left alone.
     *
     * @return how many results were recovered.
     */
    static int replayOldResults(final FarmDirectory farm, final ResultStore store, final long currentRunId) {
        if (!Files.isDirectory(farm.queuesDir())) {
            return 0;
        }
        final int[] recovered = {0};
        try (Stream<Path> runs = Files.list(farm.queuesDir())) {
            for (final Path run : runs.filter(run -> !run.equals(farm.runQueuesDir(currentRunId)))
                    .toList()) {
                try (Stream<Path> queues = Files.list(run)) {
                    for (final Path queueDir : queues.filter(
                                    q -> q.getFileName().toString().startsWith("out-"))
                            .toList()) {
                        recovered[0] += replayQueue(farm, queueDir, store);
                    }
                }
                deleteTree(run);
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException(
                    "cannot read old queues in " + farm.queuesDir() + ": " + ex.getMessage(), ex);
        }
        return recovered[0];
    }

    private static int replayQueue(final FarmDirectory farm, final Path queueDir, final ResultStore store) {
        final int[] count = {0};
        try (ChronicleQueue queue = FarmQueues.open(queueDir)) {
            final ResultAdapter adapter = new ResultAdapter(queue.createTailer(), result -> {
                final String key = ResultKey.of(result.job(), result.key());
                if (Files.exists(farm.jobFile(result.job())) && store.get(key) == null) {
                    final ResultRecord record = new ResultRecord(
                            result.status(),
                            1,
                            -1,
                            -1,
                            result.startEpochMs(),
                            result.wallNs(),
                            result.cpuNs(),
                            result.error(),
                            result.payload(),
                            result.kind());
                    store.put(key, record.encode());
                    count[0]++;
                }
            });
            while (adapter.poll(1024) > 0) {
                store.flush();
            }
        } catch (final RuntimeException ex) {
            LOG.warn("could not read all of old result queue {}: {}", queueDir, ex.toString());
        }
        return count[0];
    }

    static void deleteTree(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException ex) {
            LOG.warn("could not delete {}: {}", dir, ex.toString());
        }
    }
}
