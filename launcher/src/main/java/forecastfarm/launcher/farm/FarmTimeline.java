package forecastfarm.launcher.farm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where a run's time went: named moments in milliseconds since the command started ({@code scripts/farm} exports
 * its start time as {@value #COMMAND_START_ENV}), or since the launcher JVM started when it was not run by the
 * script. The first time a phase is marked counts ({@link #mark}); {@link #markLatest} keeps the last (the last
 * result, the last plot). Thread-safe: the conductor, the result thread and the main thread all mark.
 */
public final class FarmTimeline {
    /** Milliseconds since the epoch at which the command started; set by scripts/farm. */
    public static final String COMMAND_START_ENV = "FARM_START_MS";
    /** A command start further back than this before the JVM's own start is not this command's. */
    private static final long MAX_SCRIPT_LEAD_MS = 60_000;

    private final long originMs;
    private final LongSupplier clockMs;
    private final Map<String, Long> marks = new LinkedHashMap<>();

    FarmTimeline(final long originMs, final LongSupplier clockMs) {
        this.originMs = originMs;
        this.clockMs = clockMs;
    }

    /**
     * @return a timeline whose origin is the command's start when scripts/farm gave it, else this JVM's start; the
     *     JVM's start is marked as {@code launcher_jvm}.
     */
    public static FarmTimeline ofThisProcess() {
        final long jvmStartMs = ProcessHandle.current()
                .info()
                .startInstant()
                .map(Instant::toEpochMilli)
                .orElseGet(System::currentTimeMillis);
        final long commandStartMs = parse(System.getenv(COMMAND_START_ENV));
        final boolean fromScript = commandStartMs > 0
                && commandStartMs <= jvmStartMs + 1_000
                && jvmStartMs - commandStartMs <= MAX_SCRIPT_LEAD_MS;
        final FarmTimeline timeline =
                new FarmTimeline(fromScript ? commandStartMs : jvmStartMs, System::currentTimeMillis);
        timeline.marks.put("launcher_jvm", Math.max(0, jvmStartMs - timeline.originMs));
        return timeline;
    }

    private static long parse(final String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (final NumberFormatException ex) {
            return 0;
        }
    }

    /** Records the phase the first time only. */
    public synchronized void mark(final String phase) {
        marks.putIfAbsent(phase, clockMs.getAsLong() - originMs);
    }

    /** Records the phase, replacing an earlier mark of it. */
    public synchronized void markLatest(final String phase) {
        marks.remove(phase);
        marks.put(phase, clockMs.getAsLong() - originMs);
    }

    /**
     * @return phase to milliseconds since the origin, in time order.
     */
    public synchronized Map<String, Long> toMap() {
        final Map<String, Long> ordered = new LinkedHashMap<>();
        marks.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEachOrdered(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
