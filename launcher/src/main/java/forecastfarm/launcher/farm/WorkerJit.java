package forecastfarm.launcher.farm;

import java.util.List;
import java.util.Locale;

/**
 * Which just-in-time compilers the worker JVMs use. Measured on 2 cores (README, "Start-up and warm-up"): C2 spends
 * seconds of CPU per worker compiling the model code (single compilations of 0.5-1.9 s), time the workers' tasks
 * need, and only pays that back after a thousand or more series per worker; C1 alone compiles in milliseconds and
 * runs the models at 0.65-0.75 of C2's fully warm speed.
 */
public enum WorkerJit {
    /** C1 only: no warm-up to wait for; the default, best for jobs up to thousands of series per worker. */
    QUICK(List.of("-XX:TieredStopAtLevel=1")),
    /** The JVM's default tiered compilation (C1 then C2): faster once warm, for very long jobs. */
    PEAK(List.of());

    private final List<String> flags;

    WorkerJit(final List<String> flags) {
        this.flags = flags;
    }

    /** The worker JVM flags that select this mode. */
    public List<String> flags() {
        return flags;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static WorkerJit parse(final String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException("unknown worker JIT mode '" + value + "': use quick or peak", ex);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
