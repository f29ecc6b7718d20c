package forecastfarm.launcher.farm;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.agrona.concurrent.EpochClock;

/**
 * The process handle a {@link FakeWorker} hands to the conductor: no process behind it. {@link #destroyForcibly()}
 * records when it was called and lets the fake worker die the way a SIGKILLed JVM would (its exit then reported as an
 * event, as the Commons Exec handler does in production).
 */
final class FakeProcessHandle implements ProcessHandle {
    private final long pid;
    private final EpochClock clock;
    private final Runnable onKill;
    private final CompletableFuture<ProcessHandle> exit = new CompletableFuture<>();
    private long killedAtMs = -1;

    FakeProcessHandle(final long pid, final EpochClock clock, final Runnable onKill) {
        this.pid = pid;
        this.clock = clock;
        this.onKill = onKill;
    }

    /** The "process" ended (it exited, crashed or was killed). */
    void markDead() {
        exit.complete(this);
    }

    /** @return when the conductor killed it (epoch ms of the test clock), or -1 when it never did. */
    long killedAtMs() {
        return killedAtMs;
    }

    boolean wasKilled() {
        return killedAtMs >= 0;
    }

    @Override
    public boolean destroyForcibly() {
        if (killedAtMs < 0) {
            killedAtMs = clock.time();
        }
        if (isAlive()) {
            onKill.run();
        }
        return true;
    }

    @Override
    public boolean destroy() {
        return destroyForcibly();
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Optional<ProcessHandle> parent() {
        return Optional.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty();
    }

    @Override
    public Info info() {
        throw new UnsupportedOperationException("a fake worker has no process info");
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
        return exit;
    }

    @Override
    public boolean supportsNormalTermination() {
        return false;
    }

    @Override
    public int compareTo(final ProcessHandle other) {
        return Long.compare(pid, other.pid());
    }
}
