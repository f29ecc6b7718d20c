package forecastfarm.launcher.farm;

import forecastfarm.shared.wire.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.collections.IntArrayQueue;

/**
 * Where every task of the run stands: pending, in flight, or finished (OK, FAILED, POISONED), with its attempts.
 * Tasks are added as they arrive (the input is streamed), in order; a task's id on the wire is its index here.
 * Tasks put back after a worker died go before fresh ones. A finished task keeps its key but drops its payload, so
 * the ledger of a run of millions of tasks holds little more than their keys.
 * Single-threaded: the conductor owns it.
 */
public final class TaskLedger {
    enum State {
        PENDING,
        IN_FLIGHT,
        OK,
        FAILED,
        POISONED
    }

    private static final int INITIAL_CAPACITY = 1024;

    private final List<TaskSpec> tasks = new ArrayList<>(INITIAL_CAPACITY);
    private State[] states = new State[INITIAL_CAPACITY];
    private int[] attempts = new int[INITIAL_CAPACITY];
    private String[] causes = new String[INITIAL_CAPACITY];
    private final IntArrayQueue fresh = new IntArrayQueue(IntArrayQueue.DEFAULT_NULL_VALUE);
    private final IntArrayQueue retries = new IntArrayQueue(IntArrayQueue.DEFAULT_NULL_VALUE);
    private final int maxAttempts;
    private int inFlight;
    private int ok;
    private int failed;
    private int poisoned;
    private int resumed;
    private int retryCount;

    public TaskLedger(final int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * Adds a task to run.
     *
     * @return its index.
     */
    public int add(final TaskSpec spec) {
        final int task = append(spec, State.PENDING, 0);
        fresh.addInt(task);
        return task;
    }

    /**
     * Adds a task an earlier run already finished (resume): it is counted but never dispatched.
     *
     * @return its index.
     */
    public int addFinished(final TaskSpec spec, final TaskStatus status, final int priorAttempts) {
        final int task = append(spec.withoutPayload(), terminal(status), priorAttempts);
        count(status);
        resumed++;
        return task;
    }

    private int append(final TaskSpec spec, final State state, final int priorAttempts) {
        final int task = tasks.size();
        if (task == states.length) {
            final int capacity = task * 2;
            states = Arrays.copyOf(states, capacity);
            attempts = Arrays.copyOf(attempts, capacity);
            causes = Arrays.copyOf(causes, capacity);
        }
        tasks.add(spec);
        states[task] = state;
        attempts[task] = priorAttempts;
        return task;
    }

    public TaskSpec task(final int task) {
        return tasks.get(task);
    }

    public int size() {
        return tasks.size();
    }

    public boolean hasPending() {
        return !retries.isEmpty() || !fresh.isEmpty();
    }

    /**
     * Takes the next task to dispatch (attempts are counted when it completes or its worker dies).
     *
     * @return the task index.
     */
    public int takePending() {
        final int task = retries.isEmpty() ? fresh.pollInt() : retries.pollInt();
        states[task] = State.IN_FLIGHT;
        inFlight++;
        return task;
    }

    /**
     * A worker reported the task. A report for a task not in flight (a duplicate) is ignored.
     *
     * @return true when this report finished the task.
     */
    public boolean complete(final int task, final TaskStatus status) {
        if (task < 0 || task >= tasks.size() || states[task] != State.IN_FLIGHT) {
            return false;
        }
        inFlight--;
        attempts[task]++;
        states[task] = terminal(status);
        count(status);
        tasks.set(task, tasks.get(task).withoutPayload());
        return true;
    }

    /**
     * The worker holding this task is gone before reporting it.
     *
     * @param wasRunning true when the worker was running it (its death counts as an attempt), false when the task
     *                   was only queued for that worker.
     * @param cause      why the worker died, e.g. "killed by signal 9 (SIGKILL)".
     * @return true when the task is now POISONED, false when it went back to the queue.
     */
    public boolean requeue(final int task, final boolean wasRunning, final String cause) {
        if (states[task] != State.IN_FLIGHT) {
            return false;
        }
        inFlight--;
        if (wasRunning) {
            attempts[task]++;
            causes[task] = cause;
            if (attempts[task] >= maxAttempts) {
                states[task] = State.POISONED;
                poisoned++;
                tasks.set(task, tasks.get(task).withoutPayload());
                return true;
            }
            retryCount++;
        }
        states[task] = State.PENDING;
        retries.addInt(task);
        return false;
    }

    public boolean isInFlight(final int task) {
        return task >= 0 && task < tasks.size() && states[task] == State.IN_FLIGHT;
    }

    public boolean isTerminal(final int task) {
        return states[task] != State.PENDING && states[task] != State.IN_FLIGHT;
    }

    public int attempts(final int task) {
        return attempts[task];
    }

    /**
     * @return the cause of the last worker death this task was running on, or null.
     */
    public String cause(final int task) {
        return causes[task];
    }

    public boolean allFinished() {
        return ok + failed + poisoned == tasks.size();
    }

    public int pendingCount() {
        return retries.size() + fresh.size();
    }

    public int inFlightCount() {
        return inFlight;
    }

    public int okCount() {
        return ok;
    }

    public int failedCount() {
        return failed;
    }

    public int poisonedCount() {
        return poisoned;
    }

    public int resumedCount() {
        return resumed;
    }

    public int retryCount() {
        return retryCount;
    }

    private void count(final TaskStatus status) {
        switch (status) {
            case OK:
                ok++;
                break;
            case FAILED:
                failed++;
                break;
            default:
                poisoned++;
                break;
        }
    }

    private static State terminal(final TaskStatus status) {
        switch (status) {
            case OK:
                return State.OK;
            case FAILED:
                return State.FAILED;
            default:
                return State.POISONED;
        }
    }
}
