package forecastfarm.launcher.io;

import java.util.HashMap;
import java.util.Map;

/** Which tasks of an earlier run in the same {@code --out} a rerun keeps, for the forecast job and farm run alike. */
public final class KeptTasks {
    private KeptTasks() {}

    /**
     * @param lastStatus  key to its last status in the earlier outputs (joblog.tsv, results.jsonl).
     * @param resume      {@code --resume}: keep OK, FAILED and POISONED.
     * @param retryFailed {@code --retry-failed}: keep OK only.
     * @return key to status of the kept tasks; empty when neither option is given.
     */
    public static Map<String, String> select(
            final Map<String, String> lastStatus, final boolean resume, final boolean retryFailed) {
        final Map<String, String> kept = new HashMap<>();
        if (!resume && !retryFailed) {
            return kept;
        }
        lastStatus.forEach((key, status) -> {
            final boolean done = retryFailed
                    ? status.equals("OK")
                    : status.equals("OK") || status.equals("FAILED") || status.equals("POISONED");
            if (done) {
                kept.put(key, status);
            }
        });
        return kept;
    }
}
