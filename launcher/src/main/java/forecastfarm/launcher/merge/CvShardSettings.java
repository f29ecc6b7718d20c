package forecastfarm.launcher.merge;

import forecastfarm.launcher.cv.CvSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the chosen shards of a {@code farm cv} job ran with, from their summaries' {@code "cv"} sections: they
 * must agree (the same --horizon, --windows, --step, --input-size, --model and --level) for their rows and scores to
 * be one job's. Shards whose summary has no such section (an empty shard, a failed one) are not asked.
 */
final class CvShardSettings {
    private CvShardSettings() {}

    /**
     * @return the settings the shards agree on, or null when no shard names them all.
     * @throws IllegalArgumentException when two shards differ, naming each setting that differs and the dirs of each
     *     value.
     */
    static CvSection agreed(final ShardChoice choice) {
        final Map<String, Map<String, Object>> byDir = new LinkedHashMap<>();
        Map<?, ?> first = null;
        for (final ShardCandidate c : choice.chosen()) {
            if (c != null && c.summary != null && c.summary.get("cv") instanceof Map<?, ?> cv) {
                byDir.put(c.name, CvSection.settings(cv));
                first = first == null ? cv : first;
            }
        }
        if (first == null) {
            return null;
        }
        final List<String> differences = new ArrayList<>();
        for (final String option : CvSection.settings(first).keySet()) {
            final Map<Object, List<String>> dirsByValue = new LinkedHashMap<>();
            byDir.forEach((dir, settings) -> dirsByValue
                    .computeIfAbsent(String.valueOf(settings.get(option)), k -> new ArrayList<>())
                    .add(dir));
            if (dirsByValue.size() > 1) {
                final List<String> each = new ArrayList<>();
                dirsByValue.forEach((value, dirs) -> each.add(value + " in " + String.join(", ", dirs)));
                differences.add(option + " " + String.join(" but ", each));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot merge farm cv shards run with different settings: "
                    + String.join("; ", differences) + ". Rerun the odd shards with the others' settings (or move "
                    + "them out of " + ShardMerge.SHARDS_DIR + "/), then merge again");
        }
        return CvSection.fromSummary(first);
    }
}
