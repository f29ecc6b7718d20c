package forecastfarm.launcher.farm;

/**
 * How big the results map is made, computed from the input: Chronicle Map is sized once at creation, and an entry
 * count or value size far off the estimate makes puts fail. The counts carry head room.
 *
 * @param entries         expected number of keys (tasks), with head room.
 * @param averageKeyBytes mean key length in bytes.
 * @param averageValueBytes mean encoded {@link forecastfarm.shared.wire.ResultRecord} size.
 */
public record MapSizing(long entries, int averageKeyBytes, int averageValueBytes) {
    public static MapSizing forTasks(final long tasks, final double meanKeyBytes, final int expectedValueBytes) {
        final long entries = Math.max(1_024, (long) (tasks * 1.3) + 64);
        final int keyBytes = Math.max(8, (int) Math.ceil(meanKeyBytes * 1.2));
        final int valueBytes = Math.max(64, (int) Math.ceil((expectedValueBytes + 96) * 1.3));
        return new MapSizing(entries, keyBytes, valueBytes);
    }
}
