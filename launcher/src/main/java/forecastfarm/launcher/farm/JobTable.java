package forecastfarm.launcher.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The jobs alive in a farm and the order their tasks are dispatched in: round-robin across owners, then, within an
 * owner, across the jobs of the highest priority that have tasks waiting. So one client's 100,000-task job takes
 * its turn with another's 20-task job instead of going first, and a client's urgent job goes before its own others.
 * An owner with {@code maxInFlightPerOwner} tasks in flight (dispatched, not yet reported, across all its jobs) is
 * passed over until one of them completes or is put back by its worker's death: the count is its jobs' ledgers', so
 * it frees whichever way a task leaves the worker.
 *
 * <p>Jobs are offered from any thread ({@link #offer}); everything else runs on the conductor thread. A job that
 * ended is removed ({@link #retire}), its counts kept only as totals.
 */
final class JobTable {
    private final Queue<JobRun> opened = new ConcurrentLinkedQueue<>();
    private final Int2ObjectHashMap<JobRun> bySlot = new Int2ObjectHashMap<>();
    private final List<JobRun> alive = new ArrayList<>();
    private final List<Owner> owners = new ArrayList<>();
    private final int maxInFlightPerOwner;
    private int ownerCursor;
    private int nextSlot;
    private long retiredSubmitted;
    private long retiredResumed;
    private long retiredOk;
    private long retiredFailed;
    private long retiredPoisoned;
    private long retiredRetries;

    /**
     * @param maxInFlightPerOwner an owner's tasks in flight at most, across its jobs ({@link FarmContext#NO_OWNER_CAP}
     *                            for no cap).
     */
    JobTable(final int maxInFlightPerOwner) {
        this.maxInFlightPerOwner = maxInFlightPerOwner;
    }

    /** From any thread: the conductor takes the job at its next duty cycle. */
    void offer(final JobRun job) {
        opened.add(job);
    }

    /**
     * Takes the jobs offered since the last call, giving each its slot (the high half of its tasks' wire ids).
     *
     * @param onAccept called for each, before it takes part in dispatch.
     */
    int acceptOffered(final Consumer<JobRun> onAccept) {
        int count = 0;
        for (JobRun job = opened.poll(); job != null; job = opened.poll()) {
            job.slot = nextSlot++;
            onAccept.accept(job);
            bySlot.put(job.slot, job);
            alive.add(job);
            owner(job.spec.owner()).jobs.add(job);
            count++;
        }
        return count;
    }

    /** Jobs offered but not yet accepted: for ending them when the farm stops before it took them. */
    List<JobRun> drainOffered() {
        final List<JobRun> left = new ArrayList<>();
        for (JobRun job = opened.poll(); job != null; job = opened.poll()) {
            left.add(job);
        }
        return left;
    }

    JobRun bySlot(final int slot) {
        return bySlot.get(slot);
    }

    List<JobRun> alive() {
        return alive;
    }

    boolean isEmpty() {
        return alive.isEmpty() && opened.isEmpty();
    }

    boolean hasPending() {
        for (final JobRun job : alive) {
            if (job.hasPending()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the job whose turn it is to have a task dispatched, or null when no job has one waiting (or every owner
     *     with one waiting is at its cap).
     */
    JobRun next() {
        final int n = owners.size();
        for (int i = 0; i < n; i++) {
            final int index = (ownerCursor + i) % n;
            final Owner owner = owners.get(index);
            if (maxInFlightPerOwner != FarmContext.NO_OWNER_CAP && owner.inFlight() >= maxInFlightPerOwner) {
                continue;
            }
            final JobRun job = owner.pick();
            if (job != null) {
                ownerCursor = (index + 1) % n;
                return job;
            }
        }
        return null;
    }

    /** Drops an ended job: its slot, its ledger, its place in the dispatch order. */
    void retire(final JobRun job) {
        bySlot.remove(job.slot);
        alive.remove(job);
        final TaskLedger ledger = job.ledger;
        retiredSubmitted += job.intake.submitted();
        retiredResumed += ledger.resumedCount();
        retiredOk += ledger.okCount();
        retiredFailed += ledger.failedCount();
        retiredPoisoned += ledger.poisonedCount();
        retiredRetries += ledger.retryCount();
        for (int i = 0; i < owners.size(); i++) {
            final Owner owner = owners.get(i);
            if (owner.jobs.remove(job) && owner.jobs.isEmpty()) {
                owners.remove(i);
                if (ownerCursor > i) {
                    ownerCursor--;
                }
                ownerCursor = owners.isEmpty() ? 0 : ownerCursor % owners.size();
                return;
            }
        }
    }

    /** Farm-wide totals, over the jobs alive and those retired, for the status file. */
    long submitted() {
        long sum = retiredSubmitted;
        for (final JobRun job : alive) {
            sum += job.intake.submitted();
        }
        return sum;
    }

    long expected() {
        long sum = retiredSubmitted;
        for (final JobRun job : alive) {
            sum += Math.max(job.intake.expected(), job.intake.submitted());
        }
        return sum;
    }

    long resumed() {
        return retiredResumed + sum(TaskLedger::resumedCount);
    }

    long pending() {
        return sum(TaskLedger::pendingCount);
    }

    long inFlight() {
        return sum(TaskLedger::inFlightCount);
    }

    long ok() {
        return retiredOk + sum(TaskLedger::okCount);
    }

    long failed() {
        return retiredFailed + sum(TaskLedger::failedCount);
    }

    long poisoned() {
        return retiredPoisoned + sum(TaskLedger::poisonedCount);
    }

    long retries() {
        return retiredRetries + sum(TaskLedger::retryCount);
    }

    private long sum(final java.util.function.ToIntFunction<TaskLedger> count) {
        long sum = 0;
        for (final JobRun job : alive) {
            sum += count.applyAsInt(job.ledger);
        }
        return sum;
    }

    private Owner owner(final String name) {
        for (final Owner owner : owners) {
            if (owner.name.equals(name)) {
                return owner;
            }
        }
        final Owner owner = new Owner(name);
        owners.add(owner);
        return owner;
    }

    /** One owner's jobs and its own round-robin cursor. */
    private static final class Owner {
        final String name;
        final List<JobRun> jobs = new ArrayList<>();
        int cursor;

        Owner(final String name) {
            this.name = name;
        }

        /** @return its tasks dispatched and not yet reported, across its jobs. */
        int inFlight() {
            int sum = 0;
            for (final JobRun job : jobs) {
                sum += job.ledger.inFlightCount();
            }
            return sum;
        }

        /** @return the next job of the highest priority among those with tasks waiting, or null. */
        JobRun pick() {
            boolean any = false;
            int best = 0;
            for (final JobRun job : jobs) {
                if (job.hasPending() && (!any || job.spec.priority() > best)) {
                    any = true;
                    best = job.spec.priority();
                }
            }
            if (!any) {
                return null;
            }
            final int n = jobs.size();
            for (int i = 0; i < n; i++) {
                final int index = (cursor + i) % n;
                final JobRun job = jobs.get(index);
                if (job.hasPending() && job.spec.priority() == best) {
                    cursor = (index + 1) % n;
                    return job;
                }
            }
            return null;
        }
    }
}
