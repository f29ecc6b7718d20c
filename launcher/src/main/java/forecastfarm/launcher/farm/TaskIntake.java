package forecastfarm.launcher.farm;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The hand-off of tasks from the thread that reads the input to the conductor: bounded, so a reader faster than the
 * farm waits instead of filling the heap (the input is streamed, never held whole).
 *
 * <p>Contract: {@link #submit} blocks while the intake is full and returns false, without queuing, once the farm
 * has stopped taking tasks ({@link #cancel}: drained by a signal or aborted). {@link #close} says no more tasks will
 * come; {@link #submit} after it throws. The conductor is the only caller of {@link #drainTo}, {@link #isExhausted}
 * and {@link #cancel}.
 */
public final class TaskIntake {
    private static final long OFFER_WAIT_MS = 50;

    private final BlockingQueue<TaskSpec> queue;
    private volatile boolean closed;
    private volatile boolean cancelled;
    private volatile String stopRequest;
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();
    private volatile long expected;

    /**
     * @param capacity tasks queued here at most (the conductor pulls more only when its own backlog is low).
     */
    public TaskIntake(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("intake capacity must be >= 1: " + capacity);
        }
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * A finished list: every task queued and the intake closed, for runs whose tasks are all known up front.
     */
    public static TaskIntake of(final java.util.List<TaskSpec> tasks) {
        final TaskIntake intake = new TaskIntake(Math.max(1, tasks.size()));
        tasks.forEach(intake.queue::add);
        intake.submitted.set(tasks.size());
        intake.expected = tasks.size();
        intake.closed = true;
        return intake;
    }

    /**
     * Queues a task, waiting while the intake is full.
     *
     * @return true when queued; false when the farm stopped taking tasks (the task was not queued).
     * @throws IllegalStateException after {@link #close()}.
     * @throws InterruptedException  when the calling thread is interrupted while waiting.
     */
    public boolean submit(final TaskSpec task) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the intake is closed: no task may be added after close()");
        }
        while (!cancelled) {
            if (queue.offer(task, OFFER_WAIT_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    // raced with cancel(): the conductor takes nothing more, so the task is not queued
                    queue.remove(task);
                    return false;
                }
                submitted.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /**
     * No more tasks: the run ends when those queued are finished.
     */
    public void close() {
        closed = true;
    }

    /**
     * The farm takes no more tasks; a blocked {@link #submit} returns false.
     */
    void cancel() {
        cancelled = true;
        queue.clear();
    }

    /**
     * Asks the farm to drain as a signal would: no new tasks, running ones finish (from any thread).
     *
     * @param why what asked, for the report (like a signal's name).
     */
    public void requestStop(final String why) {
        stopRequest = why;
    }

    String stopRequest() {
        return stopRequest;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * @return how many tasks were submitted so far.
     */
    public long submitted() {
        return submitted.get();
    }

    /**
     * Says how many tasks the run will have in all, once the caller knows (for the ETA of {@code farm inspect}).
     */
    public void expect(final long tasks) {
        expected = tasks;
    }

    /**
     * @return the tasks the run will have in all, or 0 when the caller has not said.
     */
    public long expected() {
        return expected;
    }

    int drainTo(final Consumer<TaskSpec> sink, final int max) {
        int count = 0;
        for (TaskSpec task; !cancelled && count < max && (task = queue.poll()) != null; count++) {
            sink.accept(task);
        }
        return count;
    }

    /**
     * @return true when closed and every task was taken by the conductor.
     */
    boolean isExhausted() {
        return closed && queue.isEmpty();
    }
}
