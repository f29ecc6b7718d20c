package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * How ds values that are instants are read: the zone of naive local date-times ({@code --time-zone}) and whether
 * integers are epoch seconds ({@code --time-format epoch}) or plain integers ({@code auto}, the default).
 *
 * @param zone  the zone naive date-times are local to (and forecast ds are written in)
 * @param epoch whether integer ds are seconds since 1970-01-01T00:00Z
 */
public record TimeSettings(ZoneId zone, boolean epoch) {
    public static final String ZONE_DEFAULT = "UTC";
    public static final String FORMAT_DEFAULT = "auto";
    public static final TimeSettings DEFAULT = new TimeSettings(ZoneOffset.UTC, false);

    public TimeSettings {
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * The settings named on the command line (null: the default).
     *
     * @throws IllegalArgumentException naming the option and the value when a zone or format is unknown
     */
    public static TimeSettings parse(String zone, String format) {
        String f = format == null ? FORMAT_DEFAULT : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("auto") && !f.equals("epoch")) {
            throw new IllegalArgumentException("unknown --time-format '" + format + "': use auto or epoch");
        }
        return new TimeSettings(zone(zone), f.equals("epoch"));
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.strip().equals(ZONE_DEFAULT)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown --time-zone '" + zone
                    + "': use an IANA zone id such as UTC, Europe/London or America/New_York, or an offset such as"
                    + " +01:00");
        }
    }

    /** The zone's id as the outputs state it: "UTC", "Europe/London". */
    public String zoneName() {
        return zone.equals(ZoneOffset.UTC) ? ZONE_DEFAULT : zone.getId();
    }

    /** The format's name on the command line: "auto" or "epoch". */
    public String formatName() {
        return epoch ? "epoch" : FORMAT_DEFAULT;
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
