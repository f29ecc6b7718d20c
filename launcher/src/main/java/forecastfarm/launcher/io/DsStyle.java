package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the date-time ds of one series are written, so that its forecast ds look like its input's: epoch seconds, or
 * {@code yyyy-MM-dd HH:mm[:ss[.f]]} with the same separator, seconds and fraction digits, naive (local to the zone)
 * or with an offset ('Z' when the input wrote 'Z'). An input with offsets keeps the zone's offset at each step when
 * its last offset is the zone's (so {@code --time-zone Europe/Paris} follows daylight saving), else the last offset.
 */
final class DsStyle {
    private static final long MS_PER_DAY = 86_400_000L;
    private static final int FOLLOW_ZONE = Integer.MIN_VALUE;
    private static final int NAIVE = Integer.MAX_VALUE;

    private final ZoneId zone;
    private final boolean epoch;
    private final boolean tSeparator;
    private final boolean seconds;
    private final int fractionDigits;
    private final boolean zulu;
    /** NAIVE, FOLLOW_ZONE, or a fixed offset in seconds. */
    private final int offsetSeconds;

    private DsStyle(
            ZoneId zone,
            boolean epoch,
            boolean tSeparator,
            boolean seconds,
            int fractionDigits,
            boolean zulu,
            int offsetSeconds) {
        this.zone = zone;
        this.epoch = epoch;
        this.tSeparator = tSeparator;
        this.seconds = seconds;
        this.fractionDigits = fractionDigits;
        this.zulu = zulu;
        this.offsetSeconds = offsetSeconds;
    }

    /** Styles are few (zones, separators, offsets) and series many: one shared instance per style. */
    private static final ConcurrentHashMap<DsStyle, DsStyle> SHARED = new ConcurrentHashMap<>();

    private static final DsStyle EPOCH_SECONDS = new DsStyle(ZoneOffset.UTC, true, false, false, 0, false, 0);

    static DsStyle epochSeconds() {
        return EPOCH_SECONDS;
    }

    /**
     * The style of the last value {@code p} read; {@code lastInstantMs} is that value's instant.
     */
    static DsStyle of(DsParser p, boolean withOffset, ZoneId zone, long lastInstantMs) {
        int offset = NAIVE;
        if (withOffset) {
            int zoneOffset = zone.getRules()
                    .getOffset(Instant.ofEpochMilli(lastInstantMs))
                    .getTotalSeconds();
            offset = zoneOffset == p.offsetSeconds ? FOLLOW_ZONE : p.offsetSeconds;
        }
        DsStyle style = new DsStyle(zone, false, p.tSeparator, p.seconds, p.fractionDigits, p.zulu, offset);
        return SHARED.computeIfAbsent(style, s -> s);
    }

    /**
     * The instant of a naive wall time in {@code zone}. A wall time that occurs twice (the hour before clocks go
     * back) is its earlier instant unless that is not after {@code previousMs}, then its later one: a series
     * observed through the change then has neither a duplicate nor a gap.
     *
     * @throws DateTimeException for a wall time the zone skips (when clocks go forward)
     */
    static long instantOf(long wallMs, ZoneId zone, long previousMs) {
        if (zone instanceof ZoneOffset fixed) {
            return wallMs - fixed.getTotalSeconds() * 1000L;
        }
        ZoneRules rules = zone.getRules();
        LocalDateTime local = wallTime(wallMs);
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (valid.isEmpty()) {
            throw new DateTimeException("skipped");
        }
        long earlier = wallMs - valid.get(0).getTotalSeconds() * 1000L;
        if (valid.size() == 1 || earlier > previousMs) {
            return earlier;
        }
        return wallMs - valid.get(1).getTotalSeconds() * 1000L;
    }

    /** The ds of an instant (epoch milliseconds). */
    String formatInstant(long epochMs) {
        if (epoch) {
            return Long.toString(Math.floorDiv(epochMs, 1000));
        }
        int offset = offsetSeconds == FOLLOW_ZONE || offsetSeconds == NAIVE
                ? zone.getRules().getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds()
                : offsetSeconds;
        return write(epochMs + offset * 1000L, offset);
    }

    /**
     * The ds of a wall time (milliseconds since 1970-01-01T00:00 as if in UTC), for calendar steps (never of epoch
     * seconds: those step on the instant timeline).
     */
    String formatWallTime(long wallMs) {
        int offset = offsetSeconds == FOLLOW_ZONE
                ? zone.getRules().getOffset(wallTime(wallMs)).getTotalSeconds()
                : offsetSeconds;
        return write(wallMs, offset);
    }

    private static LocalDateTime wallTime(long wallMs) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(wallMs, 1000), (int) Math.floorMod(wallMs, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    private String write(long wallMs, int offset) {
        StringBuilder sb = new StringBuilder(32);
        sb.append(java.time.LocalDate.ofEpochDay(Math.floorDiv(wallMs, MS_PER_DAY)));
        long msOfDay = Math.floorMod(wallMs, MS_PER_DAY);
        sb.append(tSeparator ? 'T' : ' ');
        two(sb, msOfDay / 3_600_000).append(':');
        two(sb, msOfDay / 60_000 % 60);
        if (seconds) {
            two(sb.append(':'), msOfDay / 1000 % 60);
            if (fractionDigits > 0) {
                String millis = Long.toString(1000 + msOfDay % 1000).substring(1);
                sb.append('.');
                for (int i = 0; i < fractionDigits; i++) {
                    sb.append(i < 3 ? millis.charAt(i) : '0');
                }
            }
        }
        if (offsetSeconds != NAIVE) {
            if (offset == 0 && zulu) {
                sb.append('Z');
            } else {
                int abs = Math.abs(offset);
                two(sb.append(offset < 0 ? '-' : '+'), abs / 3600).append(':');
                two(sb, abs / 60 % 60);
            }
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsStyle d
                && d.zone.equals(zone)
                && d.epoch == epoch
                && d.tSeparator == tSeparator
                && d.seconds == seconds
                && d.fractionDigits == fractionDigits
                && d.zulu == zulu
                && d.offsetSeconds == offsetSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, epoch, tSeparator, seconds, fractionDigits, zulu, offsetSeconds);
    }
}
