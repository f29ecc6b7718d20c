package forecastfarm.shared.status;

import org.agrona.BitUtil;
import org.agrona.concurrent.status.CountersReader;

/**
 * Layout of {@code status.dat}, the farm's memory-mapped status file, in the manner of Aeron's CnC file: a header,
 * then an Agrona counters metadata buffer and values buffer. The launcher creates it and allocates every counter
 * (farm counters first, then {@link WorkerCounter} for slot 0, 1, ..., then {@link JobCounter} for job slot 0 ..
 * {@link #JOB_SLOTS} - 1), so that counter ids are fixed:
 * {@code farm counter id = FarmCounter.ordinal()},
 * {@code worker counter id = FarmCounter count + slot * WorkerCounter count + WorkerCounter.ordinal()},
 * {@code job counter id = FarmCounter count + slots * WorkerCounter count + job slot * JobCounter count + ordinal}.
 * Workers write their own slot's counters, the launcher the farm's and the jobs'; inspectors only read. Nothing here takes a lock, so a process killed
 * at any point leaves nothing that blocks another.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Magic "FFSTATUS" (written last)              |  0
 *  +-------------------------------+-------------------------------+
 *  |         Layout version        |          Worker slots         |  8
 *  +-------------------------------+-------------------------------+
 *  |                         Launcher pid                          | 16
 *  +---------------------------------------------------------------+
 *  |                 Launcher heartbeat (epoch ms)                 | 24
 *  +---------------------------------------------------------------+
 *  |                            Run id                             | 32
 *  +---------------------------------------------------------------+
 *  |                    Run start (epoch ms)                       | 40
 *  +-------------------------------+-------------------------------+
 *  |   Results map generation      |        Launcher state         | 48
 *  +-------------------------------+-------------------------------+
 *  |                  padding to HEADER_LENGTH                     | 56
 *  +---------------------------------------------------------------+
 *  |        Counters metadata: counters x METADATA_LENGTH          | HEADER_LENGTH
 *  +---------------------------------------------------------------+
 *  |        Counters values: counters x COUNTER_LENGTH             |
 *  +---------------------------------------------------------------+
 *  |   Current task keys: worker slots x CurrentTaskKeys.RECORD_LENGTH
 *  +---------------------------------------------------------------+
 *  |   Job ids: JOB_SLOTS x CurrentTaskKeys.RECORD_LENGTH (JobSlots) |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class StatusFileDescriptor {
    public static final long MAGIC = 0x5355544154534646L; // "FFSTATUS" little-endian
    /**
     * 4: a worker's resident set size ({@link WorkerCounter#RSS_BYTES}); 3: job slots (their counters and ids) for the
     * farm's many jobs; 2 had the current task keys.
     */
    public static final int LAYOUT_VERSION = 4;
    /** Jobs whose progress the status file shows at once; a farm with more alive shows the others without. */
    public static final int JOB_SLOTS = 64;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 8;
    public static final int WORKER_SLOTS_OFFSET = 12;
    public static final int LAUNCHER_PID_OFFSET = 16;
    public static final int LAUNCHER_HEARTBEAT_MS_OFFSET = 24;
    public static final int RUN_ID_OFFSET = 32;
    public static final int RUN_START_MS_OFFSET = 40;
    public static final int RESULTS_GENERATION_OFFSET = 48;
    public static final int LAUNCHER_STATE_OFFSET = 52;
    public static final int HEADER_LENGTH = 128;

    // values() copies its array on every call, and the ids below are computed on every counter access
    private static final int FARM_COUNTERS = FarmCounter.values().length;
    private static final int WORKER_COUNTERS = WorkerCounter.values().length;
    private static final int JOB_COUNTERS = JobCounter.values().length;

    private StatusFileDescriptor() {}

    public static int counterCount(final int workerSlots) {
        return FARM_COUNTERS + workerSlots * WORKER_COUNTERS + JOB_SLOTS * JOB_COUNTERS;
    }

    public static int metadataLength(final int workerSlots) {
        return counterCount(workerSlots) * CountersReader.METADATA_LENGTH;
    }

    public static int valuesLength(final int workerSlots) {
        return counterCount(workerSlots) * CountersReader.COUNTER_LENGTH;
    }

    /** Where the {@link CurrentTaskKeys} records start. */
    public static int taskKeysOffset(final int workerSlots) {
        return HEADER_LENGTH + metadataLength(workerSlots) + valuesLength(workerSlots);
    }

    public static int taskKeysLength(final int workerSlots) {
        return workerSlots * CurrentTaskKeys.RECORD_LENGTH;
    }

    /** Where the {@link JobSlots} records start. */
    public static int jobIdsOffset(final int workerSlots) {
        return taskKeysOffset(workerSlots) + taskKeysLength(workerSlots);
    }

    public static int jobIdsLength() {
        return JOB_SLOTS * CurrentTaskKeys.RECORD_LENGTH;
    }

    public static int fileLength(final int workerSlots) {
        return BitUtil.align(jobIdsOffset(workerSlots) + jobIdsLength(), 4096);
    }

    public static int farmCounterId(final FarmCounter counter) {
        return counter.ordinal();
    }

    public static int jobCounterId(final int workerSlots, final int jobSlot, final JobCounter counter) {
        return FARM_COUNTERS + workerSlots * WORKER_COUNTERS + jobSlot * JOB_COUNTERS + counter.ordinal();
    }

    public static int workerCounterId(final int slot, final WorkerCounter counter) {
        return FARM_COUNTERS + slot * WORKER_COUNTERS + counter.ordinal();
    }
}
