package forecastfarm.launcher.farm;

/**
 * What the results map's entries really weigh, counted since the map was last sized: Chronicle Map is sized for a
 * mean key and value once, at creation, and entries much heavier than that fill it long before its entry count (a
 * job whose results outgrow its estimate, such as a cross-validation's windows). {@link #outgrown} says when the mean
 * entry seen weighs more than twice the sizing's (the map's bloat factor absorbs less), and the sizing to move to.
 */
final class EntryWeights {
    /** Puts seen before their mean may resize the map: a few, so that the old map still holds them. */
    static final long MIN_PUTS = 16;

    private long puts;
    private long keyBytes;
    private long valueBytes;

    /** @param value null for a removal. */
    void add(final String key, final byte[] value) {
        puts++;
        keyBytes += key.length();
        valueBytes += value == null ? 0 : value.length;
    }

    /** Starts counting again, for a map just sized. */
    void reset() {
        puts = 0;
        keyBytes = 0;
        valueBytes = 0;
    }

    /**
     * @param sizing the map's sizing now.
     * @return null while the entries seen fit {@code sizing} (or too few were seen); else a sizing of as many entries
     *     for their means, with half again as head room.
     */
    MapSizing outgrown(final MapSizing sizing) {
        if (puts < MIN_PUTS
                || (keyBytes + valueBytes) / puts <= 2L * (sizing.averageKeyBytes() + sizing.averageValueBytes())) {
            return null;
        }
        final long meanKeyBytes = keyBytes / puts;
        final long meanValueBytes = valueBytes / puts;
        return new MapSizing(sizing.entries(), (int) Math.max(sizing.averageKeyBytes(), meanKeyBytes * 3 / 2), (int)
                Math.min(Integer.MAX_VALUE / 2, Math.max(sizing.averageValueBytes(), meanValueBytes * 3 / 2)));
    }
}
