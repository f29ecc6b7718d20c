package forecastfarm.launcher.merge;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.merge.ShardMerge.ShardState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged {@code summary.json} and the merge's exit code: the shards' counts summed, the slowest shard's wall
 * time, the shards named by status, the series accounting (duplicates, misplaced, NOT_RUN) and one entry per shard.
 */
final class MergeSummary {
    private static final List<String> SUMMED = List.of(
            "tasks",
            "ok",
            "failed",
            "poisoned",
            "invalid_input",
            "carried_over",
            "resumed",
            "retries",
            "worker_restarts",
            "workers");
    private static final List<String> PER_SHARD =
            List.of("tasks", "ok", "failed", "poisoned", "resumed", "workers", "wall_seconds", "interrupted_by");

    private MergeSummary() {}

    /**
     * @param choice      the dirs chosen, ignored and superseded.
     * @param states      what became of each shard index.
     * @param rows        the rows copied, with their duplicates and misplaced series.
     * @param notRun      the input's series in no shard's output, or null without {@code --input}.
     * @param inputSeries the number of the input's series, or null without {@code --input}.
     * @return summary.json's content, {@code exit_code} included.
     */
    static Map<String, Object> build(
            final ShardChoice choice,
            final List<ShardState> states,
            final ShardRowCopy rows,
            final Long notRun,
            final Integer inputSeries) {
        final Map<String, Object> summary = new LinkedHashMap<>();
        for (final String key : SUMMED) {
            long sum = 0;
            for (final ShardState s : states) {
                if (s.summary() != null && s.summary().get(key) instanceof Number number) {
                    sum += number.longValue();
                }
            }
            summary.put(key, sum);
        }
        double wallMax = 0;
        for (final ShardState s : states) {
            if (s.summary() != null && s.summary().get("wall_seconds") instanceof Number number) {
                wallMax = Math.max(wallMax, number.doubleValue());
            }
        }
        final long duplicates = rows.duplicates();
        summary.put("wall_seconds_slowest_shard", wallMax);
        summary.put("shards", choice.count());
        summary.put("shards_ok", states.stream().filter(ShardState::ok).count());
        summary.put(
                "complete",
                states.stream().allMatch(ShardState::ok) && duplicates == 0 && (notRun == null || notRun == 0));
        summary.put("missing_shards", names(states, "missing"));
        summary.put("failed_shards", names(states, "failed"));
        summary.put("interrupted_shards", names(states, "interrupted"));
        summary.put("series_in_output", (long) rows.seen().size());
        summary.put("input_series", inputSeries);
        summary.put("not_run_series", notRun);
        summary.put("duplicate_series", duplicates);
        summary.put("duplicate_examples", rows.duplicateExamples());
        summary.put("misplaced_series", rows.misplaced());
        summary.put("superseded_dirs", choice.superseded());
        summary.put("ignored_dirs", choice.ignored());
        final List<Map<String, Object>> perShard = new ArrayList<>();
        for (final ShardState s : states) {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("shard", s.label());
            one.put("status", s.status());
            one.put("dir", s.dir());
            one.put("exit_code", s.exitCode());
            one.put("reason", s.reason());
            if (s.summary() != null) {
                for (final String key : PER_SHARD) {
                    one.put(key, s.summary().get(key));
                }
            }
            perShard.add(one);
        }
        summary.put("per_shard", perShard);
        summary.put("exit_code", exitCode(states, duplicates, summary));
        return summary;
    }

    private static List<String> names(final List<ShardState> states, final String status) {
        return states.stream()
                .filter(s -> status.equals(s.status()))
                .map(s -> s.label()
                        + (s.dir() != null ? " " + s.dir() : "")
                        + (s.reason() != null ? ": " + s.reason() : ""))
                .toList();
    }

    /**
     * {@link ExitCodes#SHARDS_INCOMPLETE} when a shard is not ok, series overlap or are not run; else as {@code farm
     * forecast}.
     */
    private static int exitCode(
            final List<ShardState> states, final long duplicates, final Map<String, Object> summary) {
        if (duplicates > 0
                || !states.stream().allMatch(ShardState::ok)
                || !Boolean.TRUE.equals(summary.get("complete"))) {
            return ExitCodes.SHARDS_INCOMPLETE;
        }
        final long bad = ((Number) summary.get("failed")).longValue()
                + ((Number) summary.get("poisoned")).longValue()
                + ((Number) summary.get("invalid_input")).longValue();
        return ExitCodes.forFailures(bad);
    }
}
