package forecastfarm.shared.status;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The id of the job in each job slot of {@code status.dat} (its counters are {@link JobCounter}), so that
 * {@code farm inspect} can show each running job's progress. Written by the launcher only, read by anyone, with the
 * same sequence-locked records as {@link CurrentTaskKeys} (the record's number field holds 1 while the slot has a
 * job, 0 when free). A job id is at most 64 characters, so it always fits.
 */
public final class JobSlots {
    private static final long IN_USE = 1;
    private static final long FREE = 0;

    private final CurrentTaskKeys records;

    JobSlots(final AtomicBuffer buffer, final int slots) {
        this.records = new CurrentTaskKeys(buffer, slots);
    }

    public void publish(final int slot, final String jobId) {
        records.publish(slot, IN_USE, jobId);
    }

    public void clear(final int slot) {
        records.publish(slot, FREE, "");
    }

    /** @return the slot's job id, or null when the slot is free (or being rewritten). */
    public String read(final int slot) {
        final CurrentTaskKeys.CurrentTask record = records.read(slot);
        return record == null || record.taskId() != IN_USE ? null : record.key();
    }
}
