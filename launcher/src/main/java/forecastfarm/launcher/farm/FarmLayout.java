package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code farm.properties}: which layout the farm dir has and how its results map is sized. Layout 2 holds many jobs
 * (results keyed by job and key, one {@code jobs/ID.properties} per job, see {@link JobRegistry}); a farm dir of the
 * earlier layout (one job, results keyed by key alone, a {@code job=} line here) is refused, never misread.
 *
 * <pre>
 *   layout=2
 *   map.entries=2048              the results map's sizing: set by the first job, raised when the map grows
 *   map.averageKeyBytes=24
 *   map.averageValueBytes=1400
 * </pre>
 */
public final class FarmLayout {
    public static final int LAYOUT = 2;
    private static final String LAYOUT_KEY = "layout";
    private static final String ENTRIES = "map.entries";
    private static final String KEY_BYTES = "map.averageKeyBytes";
    private static final String VALUE_BYTES = "map.averageValueBytes";

    private FarmLayout() {}

    /**
     * Refuses a farm dir of another layout; marks a new one as this layout.
     *
     * @throws FarmException naming the farm dir and what to do.
     */
    static void claim(final FarmDirectory farm) {
        final Map<String, String> stored = PropertiesFile.read(farm.manifestFile());
        if (stored == null) {
            write(farm, null);
        } else {
            requireLayout(farm, stored);
        }
    }

    /**
     * For readers ({@code farm inspect}): the same check as a launcher's, without writing anything.
     *
     * @throws FarmException for a farm dir of another layout.
     */
    public static void check(final FarmDirectory farm) {
        final Map<String, String> stored = PropertiesFile.read(farm.manifestFile());
        if (stored != null) {
            requireLayout(farm, stored);
        }
    }

    /** @return the stored sizing, or the given one (then stored) for a farm dir whose map was never made. */
    static MapSizing sizingOr(final FarmDirectory farm, final MapSizing first) {
        final MapSizing stored = storedSizing(farm);
        if (stored != null) {
            return stored;
        }
        write(farm, first);
        return first;
    }

    /** Records a grown map's sizing. */
    static void writeSizing(final FarmDirectory farm, final MapSizing sizing) {
        write(farm, sizing);
    }

    /** @return the stored sizing, or null for a farm dir whose map was never made. */
    static MapSizing storedSizing(final FarmDirectory farm) {
        final Map<String, String> stored = PropertiesFile.read(farm.manifestFile());
        if (stored == null || stored.get(ENTRIES) == null) {
            return null;
        }
        try {
            return new MapSizing(
                    Long.parseLong(stored.get(ENTRIES)),
                    Integer.parseInt(stored.get(KEY_BYTES)),
                    Integer.parseInt(stored.get(VALUE_BYTES)));
        } catch (final RuntimeException ex) {
            throw new FarmException("cannot read " + farm.manifestFile() + ": " + ex.getMessage(), ex);
        }
    }

    private static void requireLayout(final FarmDirectory farm, final Map<String, String> stored) {
        final String layout = stored.get(LAYOUT_KEY);
        if (!Integer.toString(LAYOUT).equals(layout)) {
            throw new FarmException("farm dir " + farm.root() + " was made by an earlier version of Forecast Farm"
                    + (layout == null
                            ? " (one job per farm dir, results keyed by series id alone)"
                            : " (layout " + layout + ")")
                    + "; this version keeps many jobs in a farm dir and cannot read it. The outputs in --out are"
                    + " unaffected: use a new --farm-dir (or delete this one) to rerun or resume there");
        }
    }

    private static void write(final FarmDirectory farm, final MapSizing sizing) {
        final Map<String, String> entries = new LinkedHashMap<>();
        entries.put(LAYOUT_KEY, Integer.toString(LAYOUT));
        if (sizing != null) {
            entries.put(ENTRIES, Long.toString(sizing.entries()));
            entries.put(KEY_BYTES, Integer.toString(sizing.averageKeyBytes()));
            entries.put(VALUE_BYTES, Integer.toString(sizing.averageValueBytes()));
        }
        PropertiesFile.write(farm.manifestFile(), "Forecast Farm farm dir: its layout and results map", entries);
    }
}
