package forecastfarm.shared.status;

import static forecastfarm.shared.status.StatusFileDescriptor.*;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The mapped {@code status.dat}; see {@link StatusFileDescriptor} for the layout. Created by the launcher, opened by
 * workers and inspectors. Reads and writes are single-word volatile or ordered accesses: no locks.
 */
public final class StatusFile implements AutoCloseable {
    private final MappedByteBuffer mapped;
    private final AtomicBuffer header;
    private final CountersReader counters;
    private final int workerSlots;
    private final CurrentTaskKeys taskKeys;
    private final JobSlots jobIds;

    private StatusFile(final MappedByteBuffer mapped, final int workerSlots, final boolean allocate) {
        this.mapped = mapped;
        this.workerSlots = workerSlots;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength(workerSlots));
        final UnsafeBuffer values =
                new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength(workerSlots), valuesLength(workerSlots));
        this.taskKeys = new CurrentTaskKeys(
                new UnsafeBuffer(mapped, taskKeysOffset(workerSlots), taskKeysLength(workerSlots)), workerSlots);
        this.jobIds = new JobSlots(new UnsafeBuffer(mapped, jobIdsOffset(workerSlots), jobIdsLength()), JOB_SLOTS);
        if (allocate) {
            final CountersManager manager = new CountersManager(metadata, values);
            for (final FarmCounter counter : FarmCounter.values()) {
                manager.allocate(counter.label());
            }
            for (int slot = 0; slot < workerSlots; slot++) {
                for (final WorkerCounter counter : WorkerCounter.values()) {
                    manager.allocate(counter.label(slot));
                }
            }
            for (int slot = 0; slot < JOB_SLOTS; slot++) {
                for (final JobCounter counter : JobCounter.values()) {
                    manager.allocate(counter.label(slot));
                }
            }
            this.counters = manager;
        } else {
            this.counters = new CountersReader(metadata, values);
        }
    }

    /**
     * Creates (or replaces) the status file for a new launcher run; the file is owner-only.
     */
    public static StatusFile create(
            final Path file, final int workerSlots, final long launcherPid, final long runId, final long nowMs) {
        // Built under a temporary name and renamed into place, so a reader never maps a half-made file.
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
        } catch (final IOException ex) {
            throw new IllegalStateException("cannot create status file " + tmp + ": " + ex.getMessage(), ex);
        }
        final MappedByteBuffer mapped = IoUtil.mapNewFile(tmp.toFile(), fileLength(workerSlots));
        FarmDirectory.makeOwnerOnlyFile(tmp);
        final StatusFile status = new StatusFile(mapped, workerSlots, true);
        status.header.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        status.header.putInt(WORKER_SLOTS_OFFSET, workerSlots);
        status.header.putLong(LAUNCHER_PID_OFFSET, launcherPid);
        status.header.putLong(RUN_ID_OFFSET, runId);
        status.header.putLong(RUN_START_MS_OFFSET, nowMs);
        status.header.putLongVolatile(LAUNCHER_HEARTBEAT_MS_OFFSET, nowMs);
        for (int slot = 0; slot < workerSlots; slot++) {
            status.workerCounter(slot, WorkerCounter.TASK_ID).set(WorkerCounter.NO_TASK);
        }
        status.header.putLongVolatile(MAGIC_OFFSET, MAGIC);
        try {
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException ex) {
            status.close();
            throw new IllegalStateException("cannot create status file " + file + ": " + ex.getMessage(), ex);
        }
        return status;
    }

    /**
     * Maps an existing status file for reading (inspector) or for writing one slot's counters (worker).
     *
     * @throws IllegalStateException when the file is missing, incomplete or of another layout.
     */
    public static StatusFile open(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "no status file " + file + ": is this a farm dir, and has a farm started in it?");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), "farm status");
        if (mapped.capacity() < HEADER_LENGTH) {
            IoUtil.unmap(mapped);
            throw new IllegalStateException("status file " + file + " is incomplete or not a farm status file");
        }
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        if (header.getLongVolatile(MAGIC_OFFSET) != MAGIC) {
            IoUtil.unmap(mapped);
            throw new IllegalStateException("status file " + file + " is incomplete or not a farm status file");
        }
        final int version = header.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(
                    "status file " + file + " has layout version " + version + ", this build reads " + LAYOUT_VERSION
                            + ": another build of the farm wrote it; inspect it with that build, or rerun the job"
                            + " (the same command) to start this farm dir afresh");
        }
        final int slots = header.getInt(WORKER_SLOTS_OFFSET);
        if (slots < 0 || mapped.capacity() < fileLength(slots)) {
            IoUtil.unmap(mapped);
            throw new IllegalStateException("status file " + file + " is truncated");
        }
        return new StatusFile(mapped, slots, false);
    }

    public int workerSlots() {
        return workerSlots;
    }

    public CountersReader counters() {
        return counters;
    }

    public AtomicCounter workerCounter(final int slot, final WorkerCounter counter) {
        checkSlot(slot);
        return new AtomicCounter(counters.valuesBuffer(), workerCounterId(slot, counter));
    }

    public long workerValue(final int slot, final WorkerCounter counter) {
        checkSlot(slot);
        return counters.getCounterValue(workerCounterId(slot, counter));
    }

    public AtomicCounter farmCounter(final FarmCounter counter) {
        return new AtomicCounter(counters.valuesBuffer(), farmCounterId(counter));
    }

    /** A job slot's counter ({@code 0 <= jobSlot <} {@link StatusFileDescriptor#JOB_SLOTS}). */
    public AtomicCounter jobCounter(final int jobSlot, final JobCounter counter) {
        return new AtomicCounter(counters.valuesBuffer(), jobCounterId(workerSlots, checkJobSlot(jobSlot), counter));
    }

    public long jobValue(final int jobSlot, final JobCounter counter) {
        return counters.getCounterValue(jobCounterId(workerSlots, checkJobSlot(jobSlot), counter));
    }

    /** The id of the job in each job slot. */
    public JobSlots jobIds() {
        return jobIds;
    }

    /** The key of the task each worker slot is running (the counters hold only its id). */
    public CurrentTaskKeys taskKeys() {
        return taskKeys;
    }

    public long farmValue(final FarmCounter counter) {
        return counters.getCounterValue(farmCounterId(counter));
    }

    public long launcherPid() {
        return header.getLong(LAUNCHER_PID_OFFSET);
    }

    public long runId() {
        return header.getLong(RUN_ID_OFFSET);
    }

    public long runStartMs() {
        return header.getLong(RUN_START_MS_OFFSET);
    }

    public long launcherHeartbeatMs() {
        return header.getLongVolatile(LAUNCHER_HEARTBEAT_MS_OFFSET);
    }

    public void launcherHeartbeatMs(final long nowMs) {
        header.putLongOrdered(LAUNCHER_HEARTBEAT_MS_OFFSET, nowMs);
    }

    public int resultsGeneration() {
        return header.getIntVolatile(RESULTS_GENERATION_OFFSET);
    }

    public void resultsGeneration(final int generation) {
        header.putIntOrdered(RESULTS_GENERATION_OFFSET, generation);
    }

    public LauncherState launcherState() {
        return LauncherState.of(header.getIntVolatile(LAUNCHER_STATE_OFFSET));
    }

    public void launcherState(final LauncherState state) {
        header.putIntOrdered(LAUNCHER_STATE_OFFSET, state.ordinal());
    }

    private static int checkJobSlot(final int jobSlot) {
        if (jobSlot < 0 || jobSlot >= JOB_SLOTS) {
            throw new IllegalArgumentException("job slot " + jobSlot + " out of range 0.." + (JOB_SLOTS - 1));
        }
        return jobSlot;
    }

    private void checkSlot(final int slot) {
        if (slot < 0 || slot >= workerSlots) {
            throw new IllegalArgumentException("worker slot " + slot + " out of range 0.." + (workerSlots - 1));
        }
    }

    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
