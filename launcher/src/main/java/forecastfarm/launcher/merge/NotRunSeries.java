package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.merge.ShardMerge.ShardState;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The input's series that no shard's output holds, listed in the merged failed.csv as NOT_RUN. */
final class NotRunSeries {
    private NotRunSeries() {}

    /**
     * Lists in failed.csv, as NOT_RUN, the input's series that no shard's output holds, naming the shard each belongs
     * to.
     *
     * @param command the farm command that reruns a shard: forecast, cv.
     * @return how many.
     */
    static long list(
            final int n,
            final List<ShardState> states,
            final Set<String> seen,
            final Set<String> ids,
            final OrderedOutput failed,
            final String command)
            throws IOException {
        long notRun = 0;
        for (final String id : ids) {
            if (!seen.contains(id)) {
                final ShardState state = states.get(ShardFilter.shardOf(id, n));
                final String why = state.ok() ? "missing from the outputs of " + state.describe() : state.describe();
                failed.row(List.of(
                        id,
                        "NOT_RUN",
                        "0",
                        why + "; rerun that shard (scripts/farm " + command + " --shard " + state.label()
                                + ") and merge again"));
                notRun++;
            }
        }
        return notRun;
    }
}
