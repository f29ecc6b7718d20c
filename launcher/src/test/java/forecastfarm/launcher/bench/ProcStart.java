package forecastfarm.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a process was exec'd, on the wall clock, from Linux's /proc: its start in clock ticks since boot
 * ({@code /proc/PID/stat} field 22; USER_HZ = 100) and the boot instant from {@code /proc/uptime}, read next to
 * {@link System#currentTimeMillis()}. Resolution 10 ms. ({@link ProcessHandle.Info#startInstant()} uses the boot time
 * in whole seconds, so it can be a second off the wall clock.)
 */
final class ProcStart {
    static final long USER_HZ = 100;

    private ProcStart() {}

    /**
     * @return the process's start in epoch ms, or -1 when /proc cannot tell.
     */
    static long epochMs(final long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final long nowMs = System.currentTimeMillis();
            final String uptime = Files.readString(Path.of("/proc/uptime"));
            final long startTicks = startTicks(stat);
            final double uptimeSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
            final long bootEpochMs = nowMs - Math.round(uptimeSeconds * 1000.0);
            return bootEpochMs + startTicks * 1000 / USER_HZ;
        } catch (final IOException | RuntimeException ex) {
            return -1;
        }
    }

    /**
     * @return field 22 (starttime) of a /proc/PID/stat line; the command name (field 2) may hold spaces and
     * parentheses, so fields are counted from the last ')'.
     */
    static long startTicks(final String statLine) {
        final int close = statLine.lastIndexOf(')');
        final String[] fields = statLine.substring(close + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field 22 is fields[19]
        return Long.parseLong(fields[19]);
    }
}
