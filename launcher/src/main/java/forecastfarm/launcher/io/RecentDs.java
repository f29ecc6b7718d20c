package forecastfarm.launcher.io;

/**
 * How many of each series' last ds labels a read keeps ({@link Series#recentDs()}, as written in the input), a
 * setting every {@link SeriesReader} takes. The labels draw plots' x axes and label cross-validation's cutoffs and
 * steps (cv.csv, served cv jobs). Every read keeps {@link #DEFAULT}, enough for any plot, except cv jobs whose windows
 * cover more: they keep what the windows cover plus the cutoff before the first one ({@link #covering}), and no more.
 * So only cv jobs with long windows hold more labels in memory: one string per point of their windows, for each
 * series read and not yet written.
 *
 * @param count how many labels, at least 1; a shorter series keeps all of its own.
 */
public record RecentDs(int count) {
    /** What a read keeps unless a cv job needs more: 512 labels, the most any plot draws. */
    public static final RecentDs DEFAULT = new RecentDs(512);

    public RecentDs {
        if (count < 1) {
            throw new IllegalArgumentException("a series keeps at least 1 recent ds label, not " + count);
        }
    }

    /**
     * @param points how many of a series' last labels a job's rows need (a cv job's windows and the cutoff before
     *     them), 0 for none.
     * @return {@link #DEFAULT}, or {@code points} labels when that is more.
     */
    public static RecentDs covering(final int points) {
        return points > DEFAULT.count ? new RecentDs(points) : DEFAULT;
    }

    /** @return the last {@link #count} (or fewer) of {@code ds}, stripped, oldest first. */
    String[] lastOf(final java.util.List<String> ds) {
        final int from = Math.max(0, ds.size() - count);
        return ds.subList(from, ds.size()).stream().map(String::strip).toArray(String[]::new);
    }
}
