package forecastfarm.shared.wire;

import java.util.regex.Pattern;

/**
 * The results map's key: a task's job id and its key within the job, {@code JOB/KEY}. Job ids cannot hold a
 * {@code /}, so the first one splits the two; a task key may hold anything. Two jobs that both have a key
 * {@code AAPL} so get two entries, never one another's.
 */
public final class ResultKey {
    /** Letters, digits, {@code . _ -}; 1 to 64 characters, starting with a letter or digit. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final char SEPARATOR = '/';

    private ResultKey() {}

    /**
     * @throws IllegalArgumentException for a job id that is not {@link #JOB_ID}.
     */
    public static String of(final String job, final String key) {
        requireJobId(job);
        return job + SEPARATOR + key;
    }

    /** @return the prefix every map key of this job starts with. */
    public static String prefix(final String job) {
        return job + SEPARATOR;
    }

    /** @return the job id of a map key. */
    public static String job(final CharSequence mapKey) {
        final String text = mapKey.toString();
        final int split = text.indexOf(SEPARATOR);
        return split < 0 ? "" : text.substring(0, split);
    }

    /** @return the task key of a map key, without its job. */
    public static String key(final CharSequence mapKey) {
        final String text = mapKey.toString();
        return text.substring(text.indexOf(SEPARATOR) + 1);
    }

    /**
     * @return the id.
     * @throws IllegalArgumentException naming what is wrong with it.
     */
    public static String requireJobId(final String job) {
        if (job == null || !JOB_ID.matcher(job).matches()) {
            throw new IllegalArgumentException("invalid job id '" + job + "': 1 to 64 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        return job;
    }
}
